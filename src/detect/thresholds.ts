import { UsageError } from '../errors.js';

/**
 * Every number a finding depends on, with its unit in its name. Defaults are
 * DESIGN.md §3's; the comment above each says why (the README quotes them).
 */
export interface Thresholds {
  /** close-wait-stuck: quiet time in CLOSE_WAIT before the application counts as not closing. */
  closeWaitSeconds: number;
  /** fin-wait-2-orphaned: time the peer may take to send its FIN after ours was acked. */
  finWait2Seconds: number;
  /** fin-wait-1-stuck: unacked FIN retransmitted this many times... */
  finWait1Retransmissions: number;
  /** ...or left unacked this long while the peer is seen sending. */
  finWait1Seconds: number;
  /** last-ack-stuck: retransmissions of the passive closer's FIN. */
  lastAckRetransmissions: number;
  /** syn-flood: peak never-completed connection attempts to one ip:port in one second. */
  synFloodRatePerSecond: number;
  /** syn-flood: completed / attempted handshakes during the flood below this. */
  synFloodCompletionRatio: number;
  /** half-open: retransmissions (SYN+ACK, or data to a silent peer) without any answer. */
  halfOpenRetransmissions: number;
  /** time-wait-pileup: active closes by one server ip:port within any 60 s. */
  timeWaitPileupPerMinute: number;
  /** 2·MSL: how long TIME_WAIT lasts (tracker timer and port-reuse-time-wait window). */
  timeWaitSeconds: number;
  /** zero-window-stall: time a receiver keeps advertising a zero window. */
  zeroWindowSeconds: number;
  /** retransmission-storm: retransmitted share of one side's data segments. */
  retransmissionStormRatio: number;
  /** retransmission-storm: fewest data segments from one side for a share to mean anything. */
  retransmissionStormMinSegments: number;
  /** keepalive-dead-peer: unanswered keep-alive probes in a row. */
  keepaliveProbes: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = Object.freeze({
  // An application that read EOF closes within milliseconds; 5 s rules out a slow
  // handler finishing its reply while catching a leak long before sockets pile up.
  closeWaitSeconds: 5,
  // Linux's net.ipv4.tcp_fin_timeout default: after 60 s the kernel destroys an
  // orphaned FIN_WAIT_2 socket and answers the peer's late FIN with RST.
  finWait2Seconds: 60,
  // Three RTO backoffs without an ACK is no longer a single lost segment.
  finWait1Retransmissions: 3,
  // A FIN is normally acked within one RTT; 10 s is several RTOs even on slow paths.
  finWait1Seconds: 10,
  // The passive closer retransmits its FIN only when the final ACK did not arrive.
  lastAckRetransmissions: 1,
  // DESIGN.md: 100 half-open attempts/s on one service is beyond any real client burst.
  synFloodRatePerSecond: 100,
  // DESIGN.md: a service completing under half of its handshakes is not being used, it is flooded.
  synFloodCompletionRatio: 0.5,
  // Linux retransmits with exponential backoff; three unanswered rounds (≥ 1.4 s at
  // the 200 ms minimum RTO, ~7 s for SYN+ACKs) mean the peer is gone, not slow.
  halfOpenRetransmissions: 3,
  // 200 active closes a minute keep ≥ 200 server sockets in TIME_WAIT (60 s on
  // Linux) at all times: a client behind one NAT address reconnecting at that
  // rate recycles its ~28k ephemeral ports within hours and starts colliding.
  timeWaitPileupPerMinute: 200,
  // Linux's TCP_TIMEWAIT_LEN: 2·MSL = 60 s.
  timeWaitSeconds: 60,
  // DESIGN.md: a window closed for a whole second stalls any interactive protocol.
  zeroWindowSeconds: 1,
  // DESIGN.md: losing one segment in ten cuts TCP throughput by an order of magnitude.
  retransmissionStormRatio: 0.1,
  // Below 20 segments a single lost packet already exceeds 10 %.
  retransmissionStormMinSegments: 20,
  // Linux sends 9 probes 75 s apart; three unanswered (≥ 150 s of silence) already
  // mean the peer is unreachable.
  keepaliveProbes: 3,
});

type Unit = 'seconds' | 'count' | 'perSecond' | 'perMinute' | 'ratio';

const UNITS: Record<keyof Thresholds, Unit> = {
  closeWaitSeconds: 'seconds',
  finWait2Seconds: 'seconds',
  finWait1Retransmissions: 'count',
  finWait1Seconds: 'seconds',
  lastAckRetransmissions: 'count',
  synFloodRatePerSecond: 'perSecond',
  synFloodCompletionRatio: 'ratio',
  halfOpenRetransmissions: 'count',
  timeWaitPileupPerMinute: 'perMinute',
  timeWaitSeconds: 'seconds',
  zeroWindowSeconds: 'seconds',
  retransmissionStormRatio: 'ratio',
  retransmissionStormMinSegments: 'count',
  keepaliveProbes: 'count',
};

/** Names accepted on the command line (`--threshold name=value`): short names and finding ids. */
const SPEC_NAMES: Record<string, keyof Thresholds> = {
  'close-wait': 'closeWaitSeconds',
  'close-wait-stuck': 'closeWaitSeconds',
  'fin-wait-2': 'finWait2Seconds',
  'fin-wait-2-orphaned': 'finWait2Seconds',
  'fin-wait-1': 'finWait1Seconds',
  'fin-wait-1-stuck': 'finWait1Seconds',
  'fin-wait-1-retransmissions': 'finWait1Retransmissions',
  'last-ack': 'lastAckRetransmissions',
  'last-ack-stuck': 'lastAckRetransmissions',
  'last-ack-retransmissions': 'lastAckRetransmissions',
  'syn-flood': 'synFloodRatePerSecond',
  'syn-flood-rate': 'synFloodRatePerSecond',
  'syn-flood-completion': 'synFloodCompletionRatio',
  'half-open': 'halfOpenRetransmissions',
  'half-open-retransmissions': 'halfOpenRetransmissions',
  'time-wait-pileup': 'timeWaitPileupPerMinute',
  'time-wait': 'timeWaitSeconds',
  'port-reuse-time-wait': 'timeWaitSeconds',
  'zero-window': 'zeroWindowSeconds',
  'zero-window-stall': 'zeroWindowSeconds',
  'retransmission-storm': 'retransmissionStormRatio',
  'retransmission-storm-min-segments': 'retransmissionStormMinSegments',
  'keepalive-probes': 'keepaliveProbes',
  'keepalive-dead-peer': 'keepaliveProbes',
};

const SECONDS_PER: Record<string, number> = { '': 1, s: 1, sec: 1, ms: 0.001, m: 60, min: 60, h: 3600 };
const PER_UNIT_SECONDS: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600 };

/**
 * Parses one `name=value` override: "close-wait=30s", "syn-flood-rate=200/s",
 * "retransmission-storm=15%", "time-wait-pileup=500/min". Throws UsageError
 * naming the part that is wrong.
 */
export function parseThresholdOverride(spec: string): { key: keyof Thresholds; value: number } {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new UsageError(`threshold "${spec}": expected name=value, e.g. close-wait=30s`);
  const name = spec.slice(0, eq).trim().toLowerCase();
  const raw = spec.slice(eq + 1).trim();
  const key = SPEC_NAMES[name] ?? (name in UNITS ? (name as keyof Thresholds) : undefined);
  if (key === undefined) {
    const known = Object.keys(SPEC_NAMES).join(', ');
    throw new UsageError(`threshold "${spec}": unknown name "${name}" (known: ${known})`);
  }
  const m = /^([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*(.*)$/i.exec(raw);
  if (m === null) throw new UsageError(`threshold "${spec}": value "${raw}" is not a number`);
  const num = Number(m[1]);
  const unit = m[2]!.trim().toLowerCase();
  const value = convert(spec, key, num, unit);
  check(spec, key, value);
  return { key, value };
}

function convert(spec: string, key: keyof Thresholds, num: number, unit: string): number {
  const kind = UNITS[key];
  const bad = (hint: string): never => {
    throw new UsageError(`threshold "${spec}": unit "${unit}" does not fit ${key} (${hint})`);
  };
  switch (kind) {
    case 'seconds': {
      const f = SECONDS_PER[unit];
      return f === undefined ? bad('use s, ms, min or h') : num * f;
    }
    case 'count':
      return unit === '' ? num : bad('a plain count, e.g. 3');
    case 'ratio':
      if (unit === '%') return num / 100;
      if (unit === '' && num <= 1) return num;
      return bad('a percentage such as 15% or a fraction such as 0.15');
    case 'perSecond':
    case 'perMinute': {
      if (unit === '') return num;
      const per = PER_UNIT_SECONDS[unit.replace(/^\//, '')];
      if (!unit.startsWith('/') || per === undefined) return bad('a rate such as 200/s or 500/min');
      // One division by the ratio of periods keeps 500/min exactly 500.
      return kind === 'perSecond' ? num / per : (num * 60) / per;
    }
  }
}

function check(spec: string, key: keyof Thresholds, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`threshold "${spec}": ${key} must be a positive number`);
  }
  if (UNITS[key] === 'ratio' && value > 1) throw new UsageError(`threshold "${spec}": ${key} cannot exceed 100%`);
  if (UNITS[key] === 'count' && !Number.isInteger(value)) {
    throw new UsageError(`threshold "${spec}": ${key} must be a whole number`);
  }
}

/** `base` with `overrides` applied (from the command line or a config file); rejects unknown keys and bad values. */
export function applyThresholds(base: Thresholds, overrides: Partial<Thresholds>): Thresholds {
  const out: Thresholds = { ...base };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) continue;
    if (!(k in UNITS)) throw new UsageError(`unknown threshold "${k}" (known: ${Object.keys(UNITS).join(', ')})`);
    const key = k as keyof Thresholds;
    check(`${k}=${String(v)}`, key, typeof v === 'number' ? v : NaN);
    out[key] = v;
  }
  return out;
}
