import type { Flow } from '../model/flow.js';
import type { FlowReport } from '../model/report.js';

/**
 * A Zeek conn.log (ASCII writer, TSV with #-headers) so that zeek-cut and the
 * tools built on Zeek logs read tcpstate's output. Only what a capture shows
 * is filled: service, local_orig/local_resp and tunnel_parents stay unset.
 */

const FIELDS = [
  'ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration',
  'orig_bytes', 'resp_bytes', 'conn_state', 'local_orig', 'local_resp', 'missed_bytes', 'history',
  'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes', 'tunnel_parents',
];
const TYPES = [
  'time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string', 'interval',
  'count', 'count', 'string', 'bool', 'bool', 'count', 'string',
  'count', 'count', 'count', 'count', 'set[string]',
];

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** FNV-1a over a string, 32 bits, with a seed so two hashes give 64 bits of uid. */
function fnv(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** What a conn.log row needs, from a live Flow or from a report's FlowReport. */
interface ConnRow {
  id: number;
  firstTs: number;
  lastTs: number;
  connState: string;
  history: string;
  vlan: number;
  tunnel: number;
  orig: Side;
  resp: Side;
}
interface Side {
  ip: string;
  port: number;
  packets: number;
  ipBytes: number;
  bytes: number;
  missed: number;
}

function toRow(f: Flow | FlowReport): ConnRow {
  if ('ipVersion' in f) {
    const side = (e: Flow['client']): Side => ({
      ip: e.ip,
      port: e.port,
      packets: e.packets,
      ipBytes: e.ipBytes,
      bytes: e.zeekBytes ?? e.payloadBytes,
      missed: e.missedBytes ?? 0,
    });
    return { id: f.id, firstTs: f.firstTs, lastTs: f.lastTs, connState: f.connState, history: f.history, vlan: f.vlanKey, tunnel: f.tunnelKey, orig: side(f.client), resp: side(f.server) };
  }
  const side = (e: FlowReport['client']): Side => ({
    ip: e.ip,
    port: e.port,
    packets: e.packets,
    ipBytes: e.bytes,
    bytes: e.zeekBytes ?? e.payloadBytes,
    missed: e.missedBytes ?? 0,
  });
  return { id: f.id, firstTs: f.firstTs, lastTs: f.lastTs, connState: f.connState, history: f.history, vlan: f.vlan ?? 0, tunnel: 0, orig: side(f.client), resp: side(f.server) };
}

/** A deterministic Zeek-style uid ('C' + base62) from the flow id and 5-tuple: same input, same log. */
function rowUid(flow: ConnRow): string {
  const key = `${flow.id}|${flow.orig.ip}|${flow.orig.port}|${flow.resp.ip}|${flow.resp.port}|${flow.vlan}|${flow.tunnel}`;
  let n = (BigInt(fnv(key, 0)) << 32n) | BigInt(fnv(key, 0x5bd1e995));
  let out = '';
  while (out.length < 17) {
    out += BASE62[Number(n % 62n)];
    n /= 62n;
  }
  return `C${out}`;
}

/** Zeek's time format: seconds with six decimals. */
function time(t: number): string {
  return t.toFixed(6);
}

/** "#open"/"#close" stamp in Zeek's format (local-free: UTC). */
function stamp(t: number): string {
  const d = new Date(t * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}-${p(d.getUTCHours())}-${p(d.getUTCMinutes())}-${p(d.getUTCSeconds())}`;
}

/** The uid of a flow in the conn.log. */
export function flowUid(flow: Flow | FlowReport): string {
  return rowUid(toRow(flow));
}

function row(flow: ConnRow): string {
  const c = flow.orig;
  const s = flow.resp;
  const duration = flow.lastTs - flow.firstTs;
  // Zeek leaves duration and byte counts unset for a connection with no duration.
  const hasDuration = duration > 0;
  const missed = c.missed + s.missed;
  return [
    time(flow.firstTs),
    rowUid(flow),
    c.ip,
    String(c.port),
    s.ip,
    String(s.port),
    'tcp',
    '-',
    hasDuration ? duration.toFixed(6) : '-',
    hasDuration ? String(c.bytes) : '-',
    hasDuration ? String(s.bytes) : '-',
    flow.connState || '-',
    '-',
    '-',
    String(missed),
    flow.history === '' ? '-' : flow.history,
    String(c.packets),
    String(c.ipBytes),
    String(s.packets),
    String(s.ipBytes),
    '-',
  ].join('\t');
}

/** A Zeek conn.log for these flows, in order of first packet. `openTs` stamps #open/#close (default: first flow). */
export function renderZeekConnLog(flows: Iterable<Flow | FlowReport>, opts: { openTs?: number } = {}): string {
  const list = [...flows].map(toRow).sort((a, b) => a.firstTs - b.firstTs || a.id - b.id);
  const openTs = opts.openTs ?? (list.length > 0 ? list[0]!.firstTs : 0);
  const closeTs = list.reduce((m, f) => Math.max(m, f.lastTs), openTs);
  const lines = [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    '#path\tconn',
    `#open\t${stamp(openTs)}`,
    `#fields\t${FIELDS.join('\t')}`,
    `#types\t${TYPES.join('\t')}`,
    ...list.map(row),
    `#close\t${stamp(closeTs)}`,
  ];
  return `${lines.join('\n')}\n`;
}
