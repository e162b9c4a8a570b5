// SelfSubjectAccessReview answers from an ordered rule list; first match wins, no match = allowed.

/** One rule; omitted fields (or "*") match anything. */
export interface AccessRule {
  verb?: string;
  resource?: string;
  group?: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  allowed: boolean;
  reason?: string;
}

type Attrs = Partial<Record<'verb' | 'resource' | 'group' | 'namespace' | 'name' | 'subresource', string>>;

const FIELDS = ['verb', 'resource', 'group', 'namespace', 'name', 'subresource'] as const;

/** The SSAR status for `spec.resourceAttributes`; default allow-all mirrors a cluster-admin test user. */
export function decideAccess(rules: readonly AccessRule[], attrs: Attrs): { allowed: boolean; denied?: boolean; reason?: string } {
  const rule = rules.find((r) => FIELDS.every((f) => r[f] === undefined || r[f] === '*' || r[f] === (attrs[f] ?? '')));
  if (!rule) return { allowed: true, reason: 'kube-sim: allow-all default' };
  return rule.allowed
    ? { allowed: true, ...(rule.reason ? { reason: rule.reason } : {}) }
    : { allowed: false, denied: true, reason: rule.reason ?? 'kube-sim: denied by rule' };
}
