// The documented exit codes (README "Exit codes"). Tasks never call process.exit; cli.ts maps errors to these.
export const ExitCode = {
  ok: 0,
  taskFailed: 1,
  usage: 2,
  precondition: 3,
  validation: 4,
  healthGate: 5,
  residue: 6,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
