// Locates the repository root from this file, so helpers work from any cwd.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Absolute path of the repository root (three levels above test/support/helm).
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
