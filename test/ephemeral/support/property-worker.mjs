// Worker bootstrap: Node 20 does not hand --import loaders to worker threads, so register tsx here, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./property-worker.ts');
