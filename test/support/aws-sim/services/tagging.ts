// Resource Groups Tagging API (GetResources, GetTagKeys, GetTagValues) over LBs, TGs, clusters, nodegroups, secrets and buckets.
import { isArn } from '../arns.js';
import { ParamError } from '../errors.js';
import { tagList, type Tags } from '../model.js';
import { paginate } from '../paginate.js';
import { objList, optInt, optStr, reqStr, strList } from '../protocol/params.js';
import type { SimState } from '../state.js';
import type { Handler } from './context.js';

interface Tagged {
  arn: string;
  type: string;
  tags: Tags;
}

// Every taggable resource with its "service:resourceType" as ResourceTypeFilters names it.
function everything(state: SimState): Tagged[] {
  state.expireDeleting(Date.now());
  const out: Tagged[] = [];
  for (const lb of [...state.loadBalancers.all(), ...state.ghosts.loadBalancers.take()]) out.push({ arn: lb.arn, type: 'elasticloadbalancing:loadbalancer', tags: lb.tags });
  for (const tg of [...state.targetGroups.all(), ...state.ghosts.targetGroups.take()]) out.push({ arn: tg.arn, type: 'elasticloadbalancing:targetgroup', tags: tg.tags });
  for (const c of state.clusters.all()) out.push({ arn: c.arn, type: 'eks:cluster', tags: c.tags });
  for (const n of state.nodegroups.all()) out.push({ arn: n.arn, type: 'eks:nodegroup', tags: n.tags });
  for (const s of [...state.secrets.all(), ...state.ghosts.secrets.take()]) out.push({ arn: s.arn, type: 'secretsmanager:secret', tags: s.tags });
  for (const b of state.buckets.all()) out.push({ arn: `arn:aws:s3:::${b.name}`, type: 's3:bucket', tags: b.tags });
  return out;
}

/** GetResources: TagFilters AND across keys, OR across values; a filter with no values matches any value. */
const getResources: Handler = (p, { state }) => {
  const filters = objList(p, 'TagFilters').map((f) => ({ key: String(f.Key ?? ''), values: Array.isArray(f.Values) ? f.Values.map(String) : [] }));
  if (filters.length > 50) throw new ParamError('TagFilters can have at most 50 keys');
  if (filters.some((f) => f.values.length > 20)) throw new ParamError('A tag filter can have at most 20 values');
  const types = strList(p, 'ResourceTypeFilters');
  const arnList = strList(p, 'ResourceARNList');
  if (arnList.length > 100) throw new ParamError('ResourceARNList can have at most 100 ARNs');
  const bad = arnList.find((a) => !isArn(a));
  if (bad !== undefined) throw new ParamError(`'${bad}' is not a valid ARN`);
  const token = optStr(p, 'PaginationToken');
  if (arnList.length && (filters.length || token)) throw new ParamError('ResourceARNList cannot be combined with TagFilters or PaginationToken');
  const size = optInt(p, 'ResourcesPerPage', 1, 100) ?? 100;
  const items = everything(state).filter((r) =>
    Object.keys(r.tags).length > 0 &&
    (!arnList.length || arnList.includes(r.arn)) &&
    (!types.length || types.some((t) => r.type === t || r.type.startsWith(`${t}:`))) &&
    filters.every((f) => f.key in r.tags && (!f.values.length || f.values.includes(r.tags[f.key] ?? ''))));
  const page = paginate(items, (r) => r.arn, token, size);
  // The real API returns an empty string, not a missing token, on the last page.
  return { ResourceTagMappingList: page.items.map((r) => ({ ResourceARN: r.arn, Tags: tagList(r.tags) })), PaginationToken: page.next ?? '' };
};

// The service pages GetTagKeys/GetTagValues itself (no page-size parameter); this is the simulator's page.
const TAG_PAGE = 100;
const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** GetTagKeys: every tag key in use, sorted, paged by PaginationToken ("" on the last page). */
const getTagKeys: Handler = (p, { state }) => {
  const page = paginate(sorted(everything(state).flatMap((r) => Object.keys(r.tags))), (k) => k, optStr(p, 'PaginationToken'), TAG_PAGE);
  return { TagKeys: page.items, PaginationToken: page.next ?? '' };
};

/** GetTagValues: every value of one key, sorted, paged like GetTagKeys. */
const getTagValues: Handler = (p, { state }) => {
  const key = reqStr(p, 'Key');
  const values = everything(state).flatMap((r) => (key in r.tags ? [r.tags[key] ?? ''] : []));
  const page = paginate(sorted(values), (v) => v, optStr(p, 'PaginationToken'), TAG_PAGE);
  return { TagValues: page.items, PaginationToken: page.next ?? '' };
};

/** Every Tagging API operation the simulator speaks. */
export const taggingHandlers: Record<string, Handler> = { GetResources: getResources, GetTagKeys: getTagKeys, GetTagValues: getTagValues };
