// Loads a generated fixture into a running simulator without restarting it (thousands of inventories per run),
// and reads the simulator's resources back as comparable keys.
import { parseFixture, type AwsFixture, type AwsSim } from '../../support/aws-sim/index.js';
import { seedState } from '../../support/aws-sim/seed.js';
import { keys, type Key } from './inventory.js';

/** Resets the simulator (faults disarmed, log emptied), then fills its fresh state from `fixture`. */
export function loadFixture(sim: AwsSim, fixture: AwsFixture, opts: { deletingReads?: number } = {}): void {
  sim.reset();
  const seeded = seedState(parseFixture(fixture), { account: sim.account, region: sim.region, deletingReads: opts.deletingReads ?? 0 });
  const st = sim.state;
  st.caller = seeded.caller;
  st.deletingReads = seeded.deletingReads;
  for (const tg of seeded.targetGroups.all()) st.targetGroups.set(tg.arn, tg);
  for (const [name, arn] of seeded.tgByName) st.tgByName.set(name, arn);
  for (const lb of seeded.loadBalancers.all()) st.loadBalancers.set(lb.arn, lb);
  for (const [name, arn] of seeded.lbByName) st.lbByName.set(name, arn);
  for (const l of seeded.listeners.all()) st.putListener(l);
  for (const c of seeded.clusters.all()) st.clusters.set(c.name, c);
  for (const n of seeded.nodegroups.all()) st.nodegroups.set(`${n.cluster}/${n.name}`, n);
  for (const s of seeded.secrets.all()) st.secrets.set(s.name, s);
  for (const b of seeded.buckets.all()) st.buckets.set(b.name, b);
}

/** Every resource the simulator holds, as inventory keys. */
export function simKeys(sim: AwsSim): Set<Key> {
  const out = new Set<Key>();
  for (const c of sim.list('eks:cluster')) out.add(keys.cluster(c.name));
  for (const n of sim.list('eks:nodegroup')) out.add(keys.ng(n.cluster, n.name));
  for (const l of sim.list('elbv2:loadbalancer')) out.add(keys.lb(l.name));
  for (const t of sim.list('elbv2:targetgroup')) out.add(keys.tg(t.name));
  for (const s of sim.list('secretsmanager:secret')) out.add(keys.secret(s.name));
  for (const o of sim.list('s3:object')) out.add(keys.object(o.bucket, o.key));
  for (const b of sim.list('s3:bucket')) out.add(keys.bucket(b.name));
  return out;
}
