// Display forms of a command line (the transcript itself is the effect gate's, src/core/effects.ts).
/** Quotes one argv element for display only (we never run shell strings). */
export function quoteArg(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** `helm template x --values 'a b.yaml'` for display. */
export function formatCommand(tool: string, args: readonly string[]): string {
  return [tool, ...args].map(quoteArg).join(' ');
}
