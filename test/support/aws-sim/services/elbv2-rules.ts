// ELBv2 DescribeRules: a listener's rules by priority with its default rule last, or rules by ARN.
import { elbv2ArnList, optElbv2Arn } from '../arns.js';
import { ParamError } from '../errors.js';
import * as ids from '../ids.js';
import type { Listener } from '../model.js';
import { paginate } from '../paginate.js';
import { optInt, optStr } from '../protocol/params.js';
import type { Handler } from './context.js';
import { encodeActions, encodeCondition } from './elbv2-encode.js';
import { notFound } from './elbv2-read.js';

interface RuleOut {
  RuleArn: string;
  Priority: string;
  Conditions: Record<string, unknown>[];
  Actions: Record<string, unknown>[];
  IsDefault: boolean;
}

// The default rule has no record of its own: its ARN derives from the listener (priority 0 is never a real priority; see SimState.hasRule).
function rulesOf(l: Listener): RuleOut[] {
  const rules = [...l.rules].sort((a, b) => a.priority - b.priority).map((r) => ({
    RuleArn: r.arn, Priority: String(r.priority), Conditions: r.conditions.map(encodeCondition), Actions: encodeActions(r.actions), IsDefault: false,
  }));
  return [...rules, { RuleArn: ids.ruleArn(l.arn, 0), Priority: 'default', Conditions: [], Actions: encodeActions(l.defaultActions), IsDefault: true }];
}

/** DescribeRules: ListenerArn or RuleArns (not both), PageSize 1-400 with Marker; ListenerNotFound / RuleNotFound. */
export const describeRules: Handler = (p, { state }) => {
  const listenerArn = optElbv2Arn(p, 'ListenerArn', 'listener');
  const ruleArns = elbv2ArnList(p, 'RuleArns', 'rule');
  if (!listenerArn && !ruleArns.length) throw new ParamError('You must specify either listener ARN or rule ARNs');
  if (listenerArn && ruleArns.length) throw new ParamError('Listener ARN and rule ARNs cannot be specified at the same time');
  const size = optInt(p, 'PageSize', 1, 400) ?? 400;
  let items: RuleOut[];
  if (listenerArn) {
    const l = state.listeners.get(listenerArn);
    if (!l) throw notFound('ListenerNotFound', 'listeners', [listenerArn]);
    items = rulesOf(l);
  } else {
    const byArn = new Map(state.listeners.all().flatMap((l) => rulesOf(l)).map((r) => [r.RuleArn, r] as const));
    const missing = ruleArns.filter((a) => !byArn.has(a));
    if (missing.length) throw notFound('RuleNotFound', 'rules', missing);
    items = ruleArns.map((a) => byArn.get(a) as RuleOut);
  }
  const page = paginate(items, (r) => r.RuleArn, optStr(p, 'Marker'), size);
  return { Rules: page.items, NextMarker: page.next };
};
