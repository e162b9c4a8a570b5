// ListSecrets: filters (AND across keys, OR across values, prefix match, "!" negates) and MaxResults/NextToken.
import { ParamError } from '../errors.js';
import type { Secret } from '../model.js';
import { paginate } from '../paginate.js';
import { objList, optBool, optInt, optStr, type Params } from '../protocol/params.js';
import type { Handler } from './context.js';
import { describeEntry } from './secrets.js';

const KEYS = ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'] as const;

// Values of one secret that a filter key looks at.
function fieldsFor(s: Secret, key: string): string[] {
  switch (key) {
    case 'name': return [s.name];
    case 'description': return s.description ? [s.description] : [];
    case 'tag-key': return Object.keys(s.tags);
    case 'tag-value': return Object.values(s.tags);
    case 'all': return [s.name, s.description ?? '', ...Object.keys(s.tags), ...Object.values(s.tags)];
    default: return [];
  }
}

function matches(s: Secret, filter: { key: string; values: string[] }): boolean {
  return filter.values.some((v) => {
    const negate = v.startsWith('!');
    const prefix = negate ? v.slice(1) : v;
    const hit = fieldsFor(s, filter.key).some((f) => f.startsWith(prefix));
    return negate ? !hit : hit;
  });
}

function parseFilters(p: Params): { key: string; values: string[] }[] {
  return objList(p, 'Filters').map((f) => {
    const key = String(f.Key ?? '');
    if (!(KEYS as readonly string[]).includes(key)) throw new ParamError(`Invalid filter key: ${key}`);
    const values = Array.isArray(f.Values) ? f.Values.map(String) : [];
    if (values.length > 10) throw new ParamError('A filter can have at most 10 values');
    return { key, values };
  });
}

/** ListSecrets: secrets scheduled for deletion appear only with IncludePlannedDeletion. */
export const listSecrets: Handler = (p, { state }) => {
  const filters = parseFilters(p);
  const includeDeleted = optBool(p, 'IncludePlannedDeletion') ?? false;
  const ghosts = state.ghosts.secrets.take();
  const all = ghosts.length ? [...state.secrets.all(), ...ghosts] : state.secrets.all();
  const items = all.filter((s) => (includeDeleted || !s.deletedAt) && filters.every((f) => matches(s, f)));
  const page = paginate(items, (s) => s.name, optStr(p, 'NextToken'), optInt(p, 'MaxResults', 1, 100) ?? 100);
  return { SecretList: page.items.map(describeEntry), NextToken: page.next };
};
