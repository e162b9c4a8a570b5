// Runs the real process wrapper (signals, exit codes) from source, for tests that need a separate process.
import { main } from '../../src/cli.js';

main();
