// A tiny authoritative DNS server on loopback (UDP) for tests: answers A, AAAA and CNAME from a zone map, follows
// CNAME chains inside the zone as a recursive resolver would present them, answers NXDOMAIN for unknown names and
// logs every question, so code under test can use node's real resolver without touching the network.
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

/** The records of one name. */
export interface ZoneEntry {
  a?: string[];
  aaaa?: string[];
  cname?: string;
}

/** A running server: `server` is what `--nameserver` / `Resolver.setServers` take. */
export interface DnsServer {
  server: string;
  zone: Map<string, ZoneEntry>;
  questions: Array<{ name: string; type: string }>;
  stop(): Promise<void>;
}

const TYPES: Record<number, string> = { 1: 'A', 5: 'CNAME', 28: 'AAAA' };

function readName(buf: Buffer, at: number): [string, number] {
  const labels: string[] = [];
  let i = at;
  while (buf[i]! > 0) {
    labels.push(buf.subarray(i + 1, i + 1 + buf[i]!).toString('ascii'));
    i += 1 + buf[i]!;
  }
  return [labels.join('.').toLowerCase(), i + 1];
}

function encodeName(name: string): Buffer {
  return Buffer.concat([...name.split('.').filter(Boolean).map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'ascii')])), Buffer.from([0])]);
}

function rr(name: string, type: number, data: Buffer): Buffer {
  const head = Buffer.alloc(10);
  head.writeUInt16BE(type, 0);
  head.writeUInt16BE(1, 2);
  head.writeUInt32BE(60, 4);
  head.writeUInt16BE(data.length, 8);
  return Buffer.concat([encodeName(name), head, data]);
}

const ipv4 = (ip: string) => Buffer.from(ip.split('.').map(Number));
function ipv6(ip: string): Buffer {
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.from(groups.flatMap((g: string) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 255]));
}

function answer(zone: Map<string, ZoneEntry>, name: string, type: number): { rcode: number; records: Buffer[] } {
  const records: Buffer[] = [];
  let cur = name;
  if (type === 5) {
    const e = zone.get(cur);
    if (!e) return { rcode: 3, records };
    if (e.cname) records.push(rr(cur, 5, encodeName(e.cname)));
    return { rcode: 0, records };
  }
  for (let hops = 0; hops < 8 && zone.get(cur)?.cname; hops++) {
    const target = zone.get(cur)!.cname!;
    records.push(rr(cur, 5, encodeName(target)));
    cur = target;
  }
  const e = zone.get(cur);
  if (!e) return { rcode: 3, records };
  for (const ip of (type === 1 ? e.a : type === 28 ? e.aaaa : []) ?? []) records.push(rr(cur, type, type === 1 ? ipv4(ip) : ipv6(ip)));
  return { rcode: 0, records };
}

/** Starts the server on 127.0.0.1 with `zone` (names lower-case, no trailing dot); the map stays live. */
export async function startDnsServer(zone: Record<string, ZoneEntry> = {}): Promise<DnsServer> {
  const map = new Map(Object.entries(zone));
  const questions: DnsServer['questions'] = [];
  const socket: Socket = createSocket('udp4');
  socket.on('message', (msg, from) => {
    const [name, end] = readName(msg, 12);
    const type = msg.readUInt16BE(end);
    questions.push({ name, type: TYPES[type] ?? String(type) });
    const { rcode, records } = answer(map, name, type);
    const header = Buffer.alloc(12);
    header.writeUInt16BE(msg.readUInt16BE(0), 0);
    header.writeUInt16BE(0x8180 | rcode, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(records.length, 6);
    socket.send(Buffer.concat([header, msg.subarray(12, end + 4), ...records]), from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${(socket.address() as AddressInfo).port}`,
    zone: map,
    questions,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
