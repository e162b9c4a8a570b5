// Why the ephemeral:deploy tests cannot run here ('' when they can): real helm and the vendored stand-in subcharts
// come from the vitest global setup.
import { inject } from 'vitest';

/** '' when helm and the stand-in subcharts are ready, else the reason printed with the skip. */
export function skipReason(): string {
  if (!inject('helmPath')) return inject('helmUnavailableReason') || 'helm is unavailable';
  if (!inject('subchartsVia')) return 'the stand-in subcharts were not vendored';
  return '';
}
