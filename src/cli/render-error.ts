// Prints an error once, in one format: message, fix hint, and a stack only for internal errors under -v.
import { JetscaleError } from '../core/errors.js';
import type { Output } from '../core/output.js';

/** Renders any thrown value for humans (stderr); redaction happens in Output. */
export function renderError(out: Output, error: unknown, verbose: boolean): void {
  if (error instanceof JetscaleError) {
    out.error(error.message);
    // A failed tool's last lines travel as data on the error and are shown here, once.
    if (error.tail) out.info(error.tail.split('\n').map((l) => `  │ ${l}`).join('\n'));
    if (error.hint) out.info(`  fix: ${error.hint}`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  out.error(`internal error: ${message}`);
  if (verbose && error instanceof Error && error.stack) out.info(error.stack);
  else out.info('  this is a bug in jetscale; re-run with -v for details and report it');
}
