// `--resolve host=ip[,host=ip…]`: answers DNS for those hosts from the command line, as curl's --resolve does, so a
// probe can reach an address the public DNS does not (yet) point at, keeping SNI and Host as the public name.
import { isIP } from 'node:net';
import { usageError } from '../core/errors.js';

/** Host (lower-case, no trailing dot) → addresses. */
export type ResolveOverrides = ReadonlyMap<string, readonly string[]>;

/** The normal form of a host name for lookups and comparisons. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/** Parses `host=ip` entries separated by commas (a host may repeat to give several addresses); bad input is a usage error. */
export function parseResolveOverrides(text: string | undefined, flag = '--resolve'): ResolveOverrides {
  const map = new Map<string, string[]>();
  if (text === undefined || text.trim() === '') return map;
  for (const entry of text.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    const eq = entry.lastIndexOf('=');
    const host = eq > 0 ? normalizeHost(entry.slice(0, eq)) : '';
    const ip = eq > 0 ? entry.slice(eq + 1).trim().replace(/^\[(.*)\]$/, '$1') : '';
    if (!host || !/^[a-z0-9*]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host) || isIP(ip) === 0) {
      throw usageError(`invalid ${flag} entry "${entry}": expected <host>=<ip address>`, `write it as ${flag} pr-7-x.example.com=203.0.113.10 (several: separate with commas)`);
    }
    map.set(host, [...(map.get(host) ?? []), ip]);
  }
  return map;
}
