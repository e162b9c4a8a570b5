// Standalone simulator: `npm run sim:aws -- --fixture <file> --port <n>`; prints env exports and one line per request.
import { parseArgs } from 'node:util';
import { startAwsSim } from './index.js';

/** Parse argv, start the simulator and run until SIGINT/SIGTERM. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { fixture: { type: 'string' }, port: { type: 'string', default: '4566' }, 'deleting-reads': { type: 'string' } },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  const sim = await startAwsSim({
    fixture: values.fixture,
    port,
    deletingReads: values['deleting-reads'] === undefined ? undefined : Number(values['deleting-reads']),
    onRequest: (r) => console.log(`${new Date().toISOString()} ${r.status} ${r.service}:${r.operation}${r.errorCode ? ` ${r.errorCode}` : ''} ${r.ms}ms ${JSON.stringify(r.params)}`),
  });
  console.log(`# AWS simulator listening on ${sim.url}${values.fixture ? ` (fixture ${values.fixture})` : ''}; paste into a shell:`);
  for (const [k, v] of Object.entries(sim.env())) console.log(`export ${k}=${v}`);
  const stop = () => void sim.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
