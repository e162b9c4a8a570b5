// The shared health model: one status union, pure verdicts for Kubernetes objects and for the edge (DNS, TLS, HTTP,
// ALB), aggregation that fails closed, and the causal explanation of failing checks. Used by the deploy gate and
// by diagnose; it reads nothing itself (callers fetch, this judges).
export * from './status.js';
export * from './object.js';
export { computeHealth, withKind, KIND_RULES } from './compute.js';
export { aggregateHealth, type Judged } from './aggregate.js';
export { containerStates, STUCK_WAITING, SCHEDULE_WINDOW_MS, type ContainerState } from './kinds/pod.js';
export { ingressAddress } from './kinds/ingress.js';
export { parseGoDuration } from './kinds/external-secret.js';
export type { KindRule } from './kinds/rule.js';
export { CHECKS, LAYERS, layerOf, makeCheck, type Check, type CheckId, type Layer } from './checks.js';
export { CAUSES, explainChecks, type CausalChain, type Cause } from './causes.js';
export * from './judge-dns.js';
export * from './judge-https.js';
export * from './judge-alb.js';
export * from './judge-secret.js';
