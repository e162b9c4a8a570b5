// Public entry point of the Kubernetes API simulator used by tests.
export { KubeSim, startKubeSim, type KubeSimOptions } from './sim.js';
export type { RequestRecord } from './server.js';
export type { FaultHandle, FaultMatch, FaultSpec } from './faults.js';
export type { KubeFixture } from './fixture.js';
export { parseFixture, loadFixture } from './fixture.js';
export type { AccessRule } from './access.js';
export type { After, CrashLoopState, ExternalSecretState } from './scripts.js';
export type { KubeObject } from './selectors.js';
export type { ReadHook } from './store.js';
export type { RolloutOptions } from './rollout.js';
export type { EventSpec } from './events.js';
export type { HealthCheck } from './state.js';
