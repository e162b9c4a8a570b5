// The awsQuery wire format (ELBv2, STS): form-encoded requests, XML responses and XML errors.
import type { SimError } from '../errors.js';
import type { Params } from './params.js';

/** Rebuild nested params from `Names.member.1=a&Targets.member.1.Id=i` style form keys. */
export function parseQueryForm(body: string): Params {
  const out: Params = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (key === 'Action' || key === 'Version') continue;
    const path: (string | number)[] = [];
    const parts = key.split('.');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      const next = parts[i + 1];
      if (part === 'member' && next !== undefined && /^\d+$/.test(next)) {
        path.push(Number(next) - 1);
        i++;
      } else path.push(part);
    }
    setDeep(out, path, value);
  }
  return out;
}

// Containers are created by the type of the next path step: a number means a list.
function setDeep(root: Params, path: (string | number)[], value: string): void {
  let node: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string | number;
    const existing = node[key];
    if (typeof existing !== 'object' || existing === null) node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path[path.length - 1] as string | number] = value;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Escape text for an XML element or attribute. */
export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/** Encode a value as awsQuery XML: lists as <member> children, dates as ISO 8601. */
export function xmlElement(name: string, v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return `<${name}>${v.map((x) => xmlElement('member', x)).join('')}</${name}>`;
  if (v instanceof Date) return `<${name}>${v.toISOString()}</${name}>`;
  if (typeof v === 'object') return `<${name}>${xmlChildren(v as Record<string, unknown>)}</${name}>`;
  return `<${name}>${escapeXml(String(v))}</${name}>`;
}

function xmlChildren(obj: Record<string, unknown>): string {
  let s = '';
  for (const k in obj) s += xmlElement(k, obj[k]);
  return s;
}

/** The XML namespace each Query service answers in. */
export const queryNamespaces: Record<string, string> = {
  elbv2: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
};

/** A successful Query response: <XResponse><XResult>…</XResult><ResponseMetadata/></XResponse>. */
export function queryResponse(service: string, action: string, output: Record<string, unknown>, requestId: string): string {
  const ns = queryNamespaces[service] ?? '';
  return `<${action}Response xmlns="${ns}"><${action}Result>${xmlChildren(output)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

/** A Query error body, as ELBv2 and STS send it. */
export function queryError(service: string, err: SimError, requestId: string): string {
  const ns = queryNamespaces[service] ?? '';
  const type = err.status >= 500 ? 'Receiver' : 'Sender';
  return `<ErrorResponse xmlns="${ns}"><Error><Type>${type}</Type><Code>${escapeXml(err.code)}</Code>` +
    `<Message>${escapeXml(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
