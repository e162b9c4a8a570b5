// Collects every page of a token-paginated AWS listing into one array (the facades never hand out a page).
import { JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';

/** One page: its items and the token of the next page (empty or absent on the last page). */
export interface Page<T> {
  items: readonly T[] | undefined;
  next: string | undefined;
}

/** A runaway listing (the service keeps answering with new tokens) is cut off here. */
const MAX_PAGES = 10_000;

/** Fetches pages until the service stops returning a token; a repeated token is an error, not a loop. */
export async function collectPages<T>(operation: string, fetch: (token: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items, next } = await fetch(token);
    all.push(...(items ?? []));
    if (!next) return all;
    if (seen.has(next)) {
      throw new JetscaleError(`${operation} returned the same page token twice`, { code: 'E_AWS_PAGINATION', exitCode: ExitCode.taskFailed, hint: 'run again; report it if it repeats' });
    }
    seen.add(next);
    token = next;
  }
  throw new JetscaleError(`${operation} returned more than ${MAX_PAGES} pages`, { code: 'E_AWS_PAGINATION', exitCode: ExitCode.taskFailed, hint: 'narrow the listing with a filter' });
}

/** Splits `items` into chunks of at most `size` (ELBv2 DescribeTags takes 20 ARNs at a time). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** AWS `[{Key, Value}]` tags as a record. */
export function tagRecord(tags: ReadonlyArray<{ Key?: string; Value?: string }> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}
