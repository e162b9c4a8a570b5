// The signature every per-kind rule has; rules run after the generic ones (compute.ts) and must not read a clock.
import type { Health } from '../status.js';
import type { HealthObject } from '../object.js';

/** Judges one object of a known kind at `now`. */
export type KindRule = (obj: HealthObject, now: Date) => Health;
