// Standalone simulator: `npm run sim:aws -- --fixture <file> --port <n>`; prints env exports and one line per request.
import { parseArgs } from 'node:util';
import { startAwsSim } from './index.js';
import { formatTextLine } from './request-log.js';

const HELP = `usage: npm run sim:aws -- [--fixture <yaml|json>] [--port 4566] [--faults <yaml|json>] [--log <file.jsonl>]
                          [--deleting-reads N | --deleting-seconds S] [--quiet]
Control API on the same port: GET /_sim/state, GET /_sim/requests[?since=N], GET|POST|DELETE /_sim/faults, POST /_sim/reset`;

function optNumber(flag: string, v: string | undefined, integer: boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) throw new Error(`--${flag} must be a non-negative ${integer ? 'integer' : 'number'}, got ${v}`);
  return n;
}

/** Parse argv, start the simulator and run until SIGINT/SIGTERM. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      fixture: { type: 'string' }, port: { type: 'string', default: '4566' }, faults: { type: 'string' }, log: { type: 'string' },
      'deleting-reads': { type: 'string' }, 'deleting-seconds': { type: 'string' }, quiet: { type: 'boolean', default: false }, help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return void console.log(HELP);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  const sim = await startAwsSim({
    fixture: values.fixture,
    port,
    faults: values.faults,
    logFile: values.log,
    deletingReads: optNumber('deleting-reads', values['deleting-reads'], true),
    deletingSeconds: optNumber('deleting-seconds', values['deleting-seconds'], false),
    onRequest: values.quiet ? undefined : (r) => console.log(formatTextLine(r)),
  });
  console.log(`# AWS simulator listening on ${sim.url}${values.fixture ? ` (fixture ${values.fixture})` : ''}; control API: ${sim.url}/_sim/state; paste into a shell:`);
  for (const [k, v] of Object.entries(sim.env())) console.log(`export ${k}=${v}`);
  const stop = () => void sim.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
