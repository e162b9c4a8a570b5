// `.env` parsing for local runs: quotes, comments, `export` prefix; values never touch process.env.
import { readFile, stat } from 'node:fs/promises';
import { JetscaleError } from './errors.js';
import { ExitCode } from './exit-codes.js';

export interface DotenvEntry {
  key: string;
  value: string;
  line: number;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses dotenv text; a malformed line is an error naming the file and line (never silently skipped). */
export function parseDotenv(text: string, file = '.env'): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice('export '.length).trimStart();
    const eq = line.indexOf('=');
    if (eq <= 0) throw dotenvError(file, lineNo, 'expected KEY=value');
    const key = line.slice(0, eq).trim();
    if (!KEY.test(key)) throw dotenvError(file, lineNo, `invalid variable name "${key}"`);
    let rest = line.slice(eq + 1).trim();
    const quote = rest[0];
    let value: string;
    if (quote === '"' || quote === "'") {
      // A quoted value may span lines until the closing quote (PEM keys, JSON blobs).
      let body = rest.slice(1);
      let end = findClosingQuote(body, quote);
      while (end < 0 && i + 1 < lines.length) {
        body += '\n' + (lines[++i] ?? '');
        end = findClosingQuote(body, quote);
      }
      if (end < 0) throw dotenvError(file, lineNo, `unterminated ${quote} quote`);
      const trailing = body.slice(end + 1).trim();
      if (trailing !== '' && !trailing.startsWith('#')) throw dotenvError(file, lineNo, 'unexpected text after closing quote');
      value = body.slice(0, end);
      if (quote === '"') value = unescapeDouble(value);
    } else {
      // Unquoted: an inline comment starts at ` #`, like docker compose and dotenv.
      const hash = rest.search(/\s#/);
      if (hash >= 0) rest = rest.slice(0, hash);
      value = rest.trim();
    }
    entries.push({ key, value, line: lineNo });
  }
  return entries;
}

/** Reads `path` if it exists; a directory or unreadable file is an error, a missing one is `[]`. */
export async function loadDotenv(path: string, displayName = '.env'): Promise<DotenvEntry[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return [];
  if (!info.isFile()) throw dotenvError(displayName, 0, 'is not a regular file');
  return parseDotenv(await readFile(path, 'utf8'), displayName);
}

function findClosingQuote(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && quote === '"') i++;
    else if (body[i] === quote) return i;
  }
  return -1;
}

function unescapeDouble(s: string): string {
  return s.replace(/\\([nrt"\\])/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' })[c] ?? c);
}

function dotenvError(file: string, line: number, what: string): JetscaleError {
  const where = line > 0 ? `${file}:${line}` : file;
  return new JetscaleError(`${where}: ${what}`, {
    code: 'E_DOTENV',
    exitCode: ExitCode.usage,
    hint: `fix ${file} (lines look like KEY=value, KEY="quoted value" or export KEY=value)`,
  });
}
