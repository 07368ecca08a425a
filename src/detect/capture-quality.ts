import { tcpChecksumIsPartial, tcpChecksumOk } from '../decode/tcp-checksum.js';
import { formatIp } from '../decode/address.js';
import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { Analysis, type SegmentEvent } from '../model/events.js';
import type { PacketRecord } from '../model/packet.js';
import type { Finding } from '../model/report.js';
import type { FindingContext, ShardedDetector } from './detector.js';
import { MAX_EVIDENCE_FRAMES, addFrame, makeFinding } from './finding.js';
import { count, plural } from './text.js';

/** Every TCP checksum is verified up to this many packets, then one in SAMPLE_EVERY (it reads every byte). */
const VERIFY_ALL_FIRST = 20000;
const SAMPLE_EVERY = 16;
/** A host with this share of bad checksums (over at least MIN_CHECKED) sends them all: offload. */
const OFFLOAD_SHARE = 0.9;
const MIN_CHECKED = 10;
const NOWHERE = { ip: '', port: 0 };

interface Host {
  ip: string;
  checked: number;
  bad: number;
  /** Bad checksums holding just the pseudo-header sum: left for the NIC by checksum offload. */
  partial: number;
  frames: number[];
}

interface Problem {
  count: number;
  frames: number[];
  first: number;
  last: number;
  lastFrame: number;
}

function problem(): Problem {
  return { count: 0, frames: [], first: 0, last: 0, lastFrame: 0 };
}

function note(p: Problem, frame: number, ts: number): void {
  if (p.count === 0) p.first = ts;
  p.count++;
  p.last = ts;
  p.lastFrame = frame;
  addFrame(p.frames, frame);
}

/** Both shards' occurrences as one: each keeps its frames in order, so first/last follow the frames. */
function mergeProblem(into: Problem, o: Problem): void {
  if (o.count === 0) return;
  if (into.count === 0 || o.frames[0]! < into.frames[0]!) into.first = o.first;
  if (into.count === 0 || o.lastFrame > into.lastFrame) {
    into.last = o.last;
    into.lastFrame = o.lastFrame;
  }
  into.count += o.count;
  into.frames = earliest([...into.frames, ...o.frames], MAX_EVIDENCE_FRAMES);
}

function earliest(frames: number[], n: number): number[] {
  return frames.sort((a, b) => a - b).slice(0, n);
}

/** Connections named in the acked-unseen finding: the first ones it happened on. */
const MAX_FLOWS_NAMED = 1000;

interface QualityState {
  truncated: Problem;
  backwards: Problem;
  ackedUnseen: Problem;
  /** [flow id, frame of its first ACK of unseen data]. */
  flowsAckedUnseen: [number, number][];
  hosts: [number, Host][];
}

/**
 * capture-quality: what makes a capture less than the truth — packets cut by
 * snaplen, segments acknowledged but never captured, bad checksums (mostly
 * checksum offload on the capturing host), timestamps going backwards,
 * damaged files. Always info: it qualifies the other findings.
 */
export class CaptureQualityDetector implements ShardedDetector<QualityState> {
  readonly id = 'capture-quality';
  readonly marksKept = true;
  readonly interest = Analysis.ACK_LOST_SEGMENT;
  private readonly truncated = problem();
  private readonly backwards = problem();
  private readonly ackedUnseen = problem();
  /** Flow id → frame of its first ACK of unseen data, in that order. */
  private readonly flowsAckedUnseen = new Map<number, number>();
  private readonly hosts = new Map<number, Host>();
  private lastTs = -Infinity;
  private tcpSeen = 0;

  record(p: DecodedPacket, rec: PacketRecord, frame: number, ts: number): void {
    if (rec.caplen < rec.origLen) note(this.truncated, frame, ts);
    if (ts < this.lastTs) note(this.backwards, frame, ts);
    else this.lastTs = ts;
    if (p.status !== DecodeStatus.TCP) return;
    this.tcpSeen++;
    if (this.tcpSeen > VERIFY_ALL_FIRST && this.tcpSeen % SAMPLE_EVERY !== 0) return;
    const ok = tcpChecksumOk(rec, p);
    if (ok === null) return;
    const key = p.ipVersion === 6 ? 2 ** 32 + ((p.src[0]! ^ Math.imul(p.src[1]!, 31) ^ Math.imul(p.src[2]!, 17) ^ p.src[3]!) >>> 0) : p.src[0]!;
    let h = this.hosts.get(key);
    if (h === undefined) {
      h = { ip: formatIp(p.ipVersion, p.src), checked: 0, bad: 0, partial: 0, frames: [] };
      this.hosts.set(key, h);
    }
    h.checked++;
    if (!ok) {
      h.bad++;
      if (tcpChecksumIsPartial(p)) h.partial++;
      addFrame(h.frames, frame);
    }
  }

  segment(ev: SegmentEvent): void {
    if (ev.analysis & Analysis.ACK_LOST_SEGMENT) {
      note(this.ackedUnseen, ev.frame, ev.ts);
      const id = ev.flow.id;
      if (this.flowsAckedUnseen.size < MAX_FLOWS_NAMED && !this.flowsAckedUnseen.has(id)) this.flowsAckedUnseen.set(id, ev.frame);
    }
  }

  /** In a sharded run the main thread sees record(), no worker; every shard has its own acked-unseen segments. */
  shardState(globalId: (id: number) => number): QualityState {
    return {
      truncated: this.truncated,
      backwards: this.backwards,
      ackedUnseen: this.ackedUnseen,
      flowsAckedUnseen: [...this.flowsAckedUnseen].map(([id, frame]) => [globalId(id), frame]),
      hosts: [...this.hosts],
    };
  }

  absorb(states: readonly QualityState[]): void {
    const named: [number, number][] = [...this.flowsAckedUnseen];
    for (const s of states) {
      mergeProblem(this.truncated, s.truncated);
      mergeProblem(this.backwards, s.backwards);
      mergeProblem(this.ackedUnseen, s.ackedUnseen);
      named.push(...s.flowsAckedUnseen);
      for (const [key, o] of s.hosts) {
        const h = this.hosts.get(key);
        if (h === undefined) {
          this.hosts.set(key, o);
          continue;
        }
        h.checked += o.checked;
        h.bad += o.bad;
        h.partial += o.partial;
        h.frames = earliest([...h.frames, ...o.frames], MAX_EVIDENCE_FRAMES);
      }
    }
    named.sort((a, b) => a[1] - b[1]);
    this.flowsAckedUnseen.clear();
    for (const [id, frame] of named.slice(0, MAX_FLOWS_NAMED)) this.flowsAckedUnseen.set(id, frame);
  }

  findings(ctx: FindingContext): Finding[] {
    const out: Finding[] = [];
    const push = (kind: string, p: Problem, message: string, ip = '', flowIds: number[] = []): void => {
      out.push(
        makeFinding({
          id: this.id,
          severity: 'info',
          message,
          endpoint: ip === '' ? NOWHERE : { ip, port: 0 },
          flowIds,
          since: p.first,
          duration: p.last - p.first,
          censored: false,
          frames: p.frames,
          details: { kind, packets: p.count },
        }),
      );
    };
    const truncatedTotal = Math.max(this.truncated.count, ctx.captures.reduce((n, c) => n + c.truncatedPackets, 0));
    if (truncatedTotal > 0) {
      this.truncated.count = truncatedTotal;
      push(
        'truncated',
        this.truncated,
        `${plural(truncatedTotal, 'packet')} were cut short by the capture's snaplen${this.truncated.frames.length > 0 ? ` (first at frame ${this.truncated.frames[0]})` : ''}: ` +
          `states and sequence numbers are still tracked, but their payload and checksums cannot be checked.`,
      );
    }
    if (this.ackedUnseen.count > 0) {
      push(
        'acked-unseen',
        this.ackedUnseen,
        `${plural(this.ackedUnseen.count, 'ACK')} acknowledged data that was never captured (first at frame ${this.ackedUnseen.frames[0]}, ` +
          `in ${plural(this.flowsAckedUnseen.size, 'connection')}): the capture dropped packets (busy capture host, oversubscribed SPAN port); findings on those connections may be wrong.`,
        '',
        [...this.flowsAckedUnseen.keys()],
      );
    }
    const hosts = [...this.hosts.values()].filter((h) => h.bad > 0).sort((a, b) => b.bad - a.bad || a.ip.localeCompare(b.ip));
    for (const h of hosts) {
      const p: Problem = { count: h.bad, frames: h.frames, first: 0, last: 0, lastFrame: 0 };
      // Offload shows either as its signature on every bad packet, or as nearly all of a host's packets bad.
      const offload = h.partial === h.bad || (h.checked >= MIN_CHECKED && h.bad / h.checked >= OFFLOAD_SHARE);
      const share = `${count(h.bad)} of ${count(h.checked)} TCP packets checked from ${h.ip}`;
      push(
        offload ? 'checksum-offload' : 'bad-checksum',
        p,
        offload
          ? `${share} have bad checksums: the capture was taken on ${h.ip} with checksum offload (the NIC fills them in after capture); harmless, tcpstate ignores checksums.`
          : `${share} have bad checksums (first at frame ${h.frames[0]}): corrupted on the wire or rewritten by a middlebox; the receiver drops such packets.`,
        h.ip,
      );
    }
    if (this.backwards.count > 0) {
      push(
        'timestamps-backwards',
        this.backwards,
        `${plural(this.backwards.count, 'packet')} carry a timestamp earlier than the packet before (first at frame ${this.backwards.frames[0]}): ` +
          `merged or multi-queue captures; durations measured across them are approximate.`,
      );
    }
    for (const c of ctx.captures) {
      if (c.warnings.length === 0) continue;
      const first = c.warnings[0]!;
      const more = c.warnings.length > 1 ? ` (and ${plural(c.warnings.length - 1, 'more problem')})` : '';
      push(
        'file',
        { count: c.warnings.length, frames: [], first: c.lastTs ?? 0, last: c.lastTs ?? 0, lastFrame: 0 },
        `${c.path}: ${first.message} (byte ${first.offset})${more}: the analysis of this file may be incomplete.`,
      );
    }
    return out;
  }
}
