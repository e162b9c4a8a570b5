// Patch semantics: RFC 7386 merge patch (also used for strategic merge and apply) and a minimal RFC 6902 JSON patch.
import { badRequest } from './status.js';

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7386: objects merge recursively, null deletes, everything else (arrays too) replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

// Walks to the parent of a JSON pointer so the op can act on the last token.
function parentOf(doc: Json, pointer: string): { parent: Record<string, Json> | Json[]; key: string } {
  const tokens = pointer.split('/').slice(1).map(unescape);
  const key = tokens.pop();
  if (key === undefined) throw badRequest(`json patch: cannot operate on the whole document`);
  let cur: Json = doc;
  for (const t of tokens) {
    cur = Array.isArray(cur) ? cur[Number(t)] : isObject(cur) ? cur[t] : undefined;
    if (cur === undefined) throw badRequest(`json patch: path ${pointer} does not exist`);
  }
  if (!Array.isArray(cur) && !isObject(cur)) throw badRequest(`json patch: path ${pointer} does not exist`);
  return { parent: cur, key };
}

/** RFC 6902 subset: add, remove, replace, test (what clients actually send). */
export function jsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw badRequest('json patch: body must be an array of operations');
  const out = structuredClone(doc);
  for (const op of ops as Array<Record<string, Json>>) {
    const { parent, key } = parentOf(out, String(op.path ?? ''));
    const has = Array.isArray(parent) ? Number(key) < parent.length : key in parent;
    if (op.op === 'test') {
      const cur = Array.isArray(parent) ? parent[Number(key)] : parent[key];
      if (JSON.stringify(cur) !== JSON.stringify(op.value)) throw badRequest(`json patch: test failed at ${String(op.path)}`);
    } else if (op.op === 'remove' || op.op === 'replace') {
      if (!has) throw badRequest(`json patch: path ${String(op.path)} does not exist`);
      if (Array.isArray(parent)) parent.splice(Number(key), 1, ...(op.op === 'replace' ? [op.value] : []));
      else if (op.op === 'replace') parent[key] = op.value;
      else delete parent[key];
    } else if (op.op === 'add') {
      if (Array.isArray(parent)) parent.splice(key === '-' ? parent.length : Number(key), 0, op.value);
      else parent[key] = op.value;
    } else throw badRequest(`json patch: unsupported op ${String(op.op)}`);
  }
  return out;
}
