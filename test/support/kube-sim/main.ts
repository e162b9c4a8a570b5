// Standalone simulator: `npm run sim:kube -- --fixture <file> --port <n> --kubeconfig <path> [--log <file>]`; Ctrl-C stops.
import { appendFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startKubeSim } from './index.js';

const { values } = parseArgs({
  options: {
    fixture: { type: 'string' },
    port: { type: 'string', default: '0' },
    kubeconfig: { type: 'string', default: 'kube-sim.kubeconfig' },
    context: { type: 'string', default: 'kube-sim' },
    namespace: { type: 'string' },
    token: { type: 'string' },
    log: { type: 'string' },
    'bookmark-ms': { type: 'string' },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);

const bookmarkMs = values['bookmark-ms'] === undefined ? undefined : Number(values['bookmark-ms']);
if (bookmarkMs !== undefined && !(Number.isInteger(bookmarkMs) && bookmarkMs > 0)) throw new Error(`--bookmark-ms must be a positive integer, got ${values['bookmark-ms']}`);
// --log: one JSON object per request, for tools in any language to read what a run asked the cluster.
const logFile = values.log ? resolve(values.log) : undefined;
if (logFile) writeFileSync(logFile, '');

const sim = await startKubeSim({
  ...(bookmarkMs !== undefined ? { bookmarkMs } : {}),
  ...(values.fixture ? { fixture: resolve(values.fixture) } : {}),
  ...(values.token ? { token: values.token } : {}),
  port,
  // One line per request so a human can watch what a CLI run asked the cluster.
  onRequest: (r) => {
    if (logFile) appendFileSync(logFile, `${JSON.stringify({ time: new Date().toISOString(), ...r })}\n`);
    const target = [r.resource, r.subresource].filter(Boolean).join('/');
    const where = [r.namespace, r.name].filter(Boolean).join('/');
    console.log(`${new Date().toISOString()} ${r.status || 'no-reply'} ${r.verb} ${target || r.path} ${where}${r.query ? ` ?${r.query}` : ''}`);
  },
});
const kubeconfig = resolve(values.kubeconfig);
await sim.writeKubeconfig(kubeconfig, values.context, values.namespace);
console.log(`kube-sim listening on ${sim.url}`);
console.log(`export KUBECONFIG=${kubeconfig}`);

const shutdown = (): void => {
  void sim.stop().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
