// How each tool is asked its version. Kept apart from the adapters so the tool table (loaded on every task run)
// does not load every adapter and build their zod schemas; each adapter re-exports its own entry.
export const VERSION_ARGS = {
  ctlptl: ['version'],
  docker: ['--version'],
  helm: ['version', '--short'],
  kind: ['version'],
  kubectl: ['version', '--client'],
  skaffold: ['version'],
  terraform: ['version'],
  tilt: ['version'],
} as const;
