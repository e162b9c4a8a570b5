import { describe, expect, it } from 'vitest';
import { inRepo, type RenderJob } from '../../src/validate/render-envs.js';

const job = { env: { id: 'live/console', file: 'envs/live/console.yaml' }, valuesFiles: [] } as unknown as RenderJob;
const f = { rule: 'render/schema', severity: 'error' as const, message: 'Deployment x: unknown field spec.foo', file: 'charts/jetscale/charts/backend-api/templates/workload.yaml' };

describe('render finding locations', () => {
  it('points a subchart template finding at the environment file and names the template', () => {
    const r = inRepo(f, job, 'jetscale/charts/backend-api/templates/workload.yaml');
    expect(r.file).toBe('envs/live/console.yaml');
    expect(r.message).toContain('rendered by subchart template jetscale/charts/backend-api/templates/workload.yaml');
    expect(r.hint).toBeDefined();
  });

  it('keeps umbrella template findings on the template file', () => {
    const own = { ...f, file: 'charts/jetscale/templates/ingress.yaml' };
    expect(inRepo(own, job, 'jetscale/templates/ingress.yaml')).toEqual(own);
  });
});
