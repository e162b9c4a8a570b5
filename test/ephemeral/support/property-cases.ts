// One slice of the safety property: generate inventories from a seed, load each into the simulator, arm faults,
// run the destroy path with --apply, and compare the simulator's final state with the model. Returns failures
// as data so it runs the same in the test process and in a worker thread.
import { destroyEnv } from '../../../src/ephemeral/destroy.js';
import type { AwsSim } from '../../support/aws-sim/index.js';
import { CALLER, type Engine } from './engine.js';
import { allKeys, expectedDeletions, generateInventory, toFixture } from './inventory.js';
import { rng, type Rng } from './prng.js';
import { loadFixture, simKeys } from './sim-state.js';

/** A case that broke the property, with everything needed to replay and read it. */
export interface CaseFailure {
  seed: number;
  index: number;
  target: string;
  problem: string;
  unexpectedlyDeleted: string[];
  wronglyKept: string[];
  denied: string[];
  inventory: string;
}

/** Transient faults the run must absorb, and (now and then) one delete operation that is always denied. */
export function armFaults(sim: AwsSim, r: Rng): Set<string> {
  const reads = ['tagging:GetResources', 'elbv2:DescribeTags', 'elbv2:DescribeLoadBalancers', 'elbv2:DescribeTargetGroups', 'eks:DescribeCluster', 'eks:DescribeNodegroup', 'secretsmanager:ListSecrets', 'secretsmanager:DescribeSecret', 's3:HeadObject', 's3:GetObject'];
  const deletes = ['eks:DeleteNodegroup', 'elbv2:DeleteLoadBalancer', 'elbv2:DeleteTargetGroup', 'eks:DeleteCluster', 'secretsmanager:DeleteSecret', 's3:DeleteObject'];
  for (const key of r.subset([...reads, ...deletes], 0.12)) sim.fault(key, { throttle: r.int(1, 2) });
  if (r.chance(0.2)) sim.fault(r.pick(reads), { status: 503, times: 1 });
  if (r.chance(0.3)) sim.fault('elbv2:DeleteTargetGroup', { inUse: r.int(1, 3) });
  if (r.chance(0.1)) sim.fault('eks:DeleteCluster', { inUse: 1 });
  if (r.chance(0.3)) sim.fault(r.pick(['elbv2:DeleteLoadBalancer', 'elbv2:DeleteTargetGroup', 'secretsmanager:DeleteSecret']), { staleReads: r.int(1, 3) });
  const denied = new Set<string>();
  if (r.chance(0.08)) {
    const op = r.pick(deletes);
    const code = op.startsWith('elbv2') ? 'AccessDenied' : 'AccessDeniedException';
    sim.fault(op, { error: { code, status: op.startsWith('eks') ? 403 : 400 }, times: 1000 });
    denied.add(op);
  }
  return denied;
}

/** The seed of case `index` (each case has its own stream, so a single case replays alone). */
export const caseSeed = (seed: number, index: number) => (seed + index * 7919) >>> 0;

/** Runs cases [from, to) of `seed`; an empty result means the property held for all of them. */
export async function runCases(sim: AwsSim, e: Engine, seed: number, from: number, to: number): Promise<CaseFailure[]> {
  const failures: CaseFailure[] = [];
  for (let i = from; i < to; i++) {
    const r = rng(caseSeed(seed, i));
    const inv = generateInventory(r, i);
    loadFixture(sim, toFixture(inv, sim.account));
    const before = simKeys(sim);
    const fail = (problem: string, extra: Partial<CaseFailure> = {}) =>
      failures.push({ seed, index: i, target: inv.target, problem, unexpectedlyDeleted: [], wronglyKept: [], denied: [], inventory: JSON.stringify(inv), ...extra });
    const loaded = allKeys(inv);
    if (before.size !== loaded.size || [...loaded].some((k) => !before.has(k))) {
      fail('the fixture did not load as generated');
      continue;
    }
    const denied = armFaults(sim, r);
    const expected = expectedDeletions(inv, denied);
    try {
      await destroyEnv(e.deps, { env: inv.target, caller: CALLER, apply: true });
    } catch (error) {
      fail(`the run threw: ${(error as Error).message}`, { denied: [...denied] });
      continue;
    }
    const after = simKeys(sim);
    const deleted = new Set([...before].filter((k) => !after.has(k)));
    const unexpectedlyDeleted = [...deleted].filter((k) => !expected.has(k)).sort();
    const wronglyKept = [...expected].filter((k) => !deleted.has(k)).sort();
    if (unexpectedlyDeleted.length || wronglyKept.length) fail('final state differs from the model', { unexpectedlyDeleted, wronglyKept, denied: [...denied] });
  }
  return failures;
}
