// The traffic mix: each scenario builds one connection's script and says what
// a correct tracker must conclude about both sides when the capture ends
// (DESIGN.md §2). These expectations are what makes the generator a test
// oracle, so each one is spelled out next to the packets that justify it.
import { C, Op, S, ScriptBuilder, X_FIN_CROSSES } from './script.mjs';

/** Per-connection traffic features, counted into the sidecar. */
export function newFeatureCounts() {
  return {
    dataRetransmissions: 0,
    synRetransmissions: 0,
    synAckRetransmissions: 0,
    keepAlives: 0,
    zeroWindowEpisodes: 0,
    zeroWindowProbes: 0,
  };
}

const MSS_PAYLOAD = 1448;

/**
 * Scenarios other than the SYN flood, by weight (share of non-flood
 * connections). `end` is [client, server] state at capture end; 'TW' marks a
 * side that is in TIME_WAIT, which becomes CLOSED once 2·MSL of capture time
 * has passed (the generator works that out at the end of the capture).
 */
export const SCENARIOS = [
  { name: 'close-by-client', weight: 0.32, end: ['TW', 'CLOSED'], what: 'request/response, client FIN, server ACK, server FIN, client ACK' },
  { name: 'close-by-server', weight: 0.2, end: ['CLOSED', 'TW'], what: 'request/response, server FIN, client ACK, client FIN, server ACK (server-side TIME_WAIT)' },
  { name: 'close-3-segment-client', weight: 0.08, end: ['TW', 'CLOSED'], what: 'client FIN+ACK, server FIN+ACK acknowledging it, client ACK' },
  { name: 'close-3-segment-server', weight: 0.04, end: ['CLOSED', 'TW'], what: 'server FIN+ACK, client FIN+ACK acknowledging it, server ACK' },
  { name: 'close-simultaneous', weight: 0.02, end: ['TW', 'TW'], what: 'both FINs cross (neither acknowledges the other), then both ACKs' },
  { name: 'syn-retransmitted', weight: 0.04, end: ['TW', 'CLOSED'], what: 'first SYN lost beyond the capture point and retransmitted 1 s later, then a normal client close' },
  { name: 'close-wait-leak', weight: 0.05, end: ['FIN_WAIT_2', 'CLOSE_WAIT'], what: 'client FIN acknowledged, server application never closes (most of them on one leaky service)' },
  { name: 'abort-by-client', weight: 0.035, end: ['CLOSED', 'CLOSED'], what: 'RST+ACK from the client in the middle of a response' },
  { name: 'abort-by-server', weight: 0.025, end: ['CLOSED', 'CLOSED'], what: 'RST+ACK from the server after a request' },
  { name: 'refused', weight: 0.04, end: ['CLOSED', 'CLOSED'], what: 'SYN answered by RST+ACK' },
  { name: 'long-lived', weight: 0.06, end: ['ESTABLISHED', 'ESTABLISHED'], what: 'long idle gaps with keep-alives, still open at capture end' },
];

/**
 * The same mix with every connection closing (generateCapture's `bounded`):
 * the leaking application closes its socket 30 s to 2 min late (still a stuck
 * CLOSE_WAIT), and long-lived connections end with a client close, so the
 * connections open at once stop growing with the capture's length.
 */
export const BOUNDED_SCENARIOS = SCENARIOS.map((s) => {
  if (s.name === 'close-wait-leak') return { ...s, end: ['TW', 'CLOSED'], closes: true, what: 'client FIN acknowledged, server application closes 30 s to 2 min late' };
  if (s.name === 'long-lived') return { ...s, end: ['TW', 'CLOSED'], closes: true, what: 'long idle gaps with keep-alives, then a client close' };
  return s;
});

export const SYN_FLOOD = {
  name: 'syn-flood',
  end: ['SYN_SENT', 'SYN_RCVD'],
  what: 'spoofed SYNs from random sources against one service; SYN+ACKs unanswered, some retransmitted',
};

/**
 * Builds the script of scenario `sc` for a connection with timing `timing`
 * (µs: rtt, proc, and horizon, the time left in the arrival window).
 * `feat` counts traffic features.
 */
export function buildScript(sc, rng, timing, feat) {
  const b = new ScriptBuilder(rng, timing);
  switch (sc.name) {
    case 'close-by-client':
      handshake(b, feat, false);
      exchanges(b, rng, feat, 1 + geometric(rng, 0.3));
      b.at(think(rng), Op.FIN, C);
      b.then(Op.ACK, S);
      b.at(rng.int(30, 3000), Op.FIN, S);
      b.then(Op.ACK, C);
      break;
    case 'syn-retransmitted':
      b.at(0, Op.SYN, C);
      b.at(1_000_000 + rng.int(0, 20_000), Op.SYN, C);
      feat.synRetransmissions++;
      b.then(Op.SYNACK, S);
      b.then(Op.ACK, C);
      exchanges(b, rng, feat, 1);
      b.at(think(rng), Op.FIN, C);
      b.then(Op.ACK, S);
      b.at(rng.int(30, 3000), Op.FIN, S);
      b.then(Op.ACK, C);
      break;
    case 'close-by-server':
      handshake(b, feat, false);
      exchanges(b, rng, feat, 1 + geometric(rng, 0.3));
      b.at(think(rng), Op.FIN, S);
      b.then(Op.ACK, C);
      b.at(rng.int(50, 5000), Op.FIN, C);
      b.then(Op.ACK, S);
      break;
    case 'close-3-segment-client':
      handshake(b, feat, false);
      exchanges(b, rng, feat, 1 + geometric(rng, 0.3));
      b.at(think(rng), Op.FIN, C);
      b.then(Op.FIN, S);
      b.then(Op.ACK, C);
      break;
    case 'close-3-segment-server':
      handshake(b, feat, false);
      exchanges(b, rng, feat, 1 + geometric(rng, 0.3));
      b.at(think(rng), Op.FIN, S);
      b.then(Op.FIN, C);
      b.then(Op.ACK, S);
      break;
    case 'close-simultaneous':
      handshake(b, feat, false);
      exchanges(b, rng, feat, 1);
      b.at(think(rng), Op.FIN, C);
      // The server's FIN left before the client's arrived: its ack stops short of the client's FIN.
      b.at(rng.int(5, 200), Op.FIN, S, 0, X_FIN_CROSSES);
      b.then(Op.ACK, S);
      b.then(Op.ACK, C);
      break;
    case 'close-wait-leak':
      handshake(b, feat, false);
      exchanges(b, rng, feat, 1 + geometric(rng, 0.5));
      b.at(think(rng), Op.FIN, C);
      b.then(Op.ACK, S);
      if (sc.closes) {
        b.at(rng.int(30_000_000, 120_000_000), Op.FIN, S);
        b.then(Op.ACK, C);
      }
      break;
    case 'abort-by-client':
      handshake(b, feat, false);
      exchanges(b, rng, feat, geometric(rng, 0.5));
      b.at(think(rng), Op.DATA, C, size(rng, 60, 700));
      b.at(rng.int(200, 20_000), Op.DATA, S, MSS_PAYLOAD);
      b.then(Op.DATA, S, MSS_PAYLOAD);
      b.then(Op.RST, C);
      break;
    case 'abort-by-server':
      handshake(b, feat, false);
      exchanges(b, rng, feat, geometric(rng, 0.5));
      b.at(think(rng), Op.DATA, C, size(rng, 60, 700));
      b.at(rng.int(100, 5000), Op.RST, S);
      break;
    case 'refused':
      b.at(0, Op.SYN, C);
      b.then(Op.REFUSE, S);
      break;
    case 'long-lived':
      handshake(b, feat, false);
      exchanges(b, rng, feat, 1);
      // Keep-alives while the arrival window lasts, so the capture does not trail off for minutes.
      for (let i = 0, n = rng.int(1, 3); i < n; i++) {
        const idle = rng.int(8_000_000, 30_000_000);
        if (b.elapsed + idle > timing.horizon) break;
        b.at(idle, Op.KEEPALIVE, C);
        feat.keepAlives++;
        b.then(Op.ACK, S);
        if (rng.chance(0.4)) exchanges(b, rng, feat, 1);
      }
      if (sc.closes) {
        b.at(think(rng), Op.FIN, C);
        b.then(Op.ACK, S);
        b.at(rng.int(30, 3000), Op.FIN, S);
        b.then(Op.ACK, C);
      }
      break;
    default:
      throw new Error(`unknown scenario ${sc.name}`);
  }
  return b;
}

/** One spoofed SYN, its SYN+ACK and maybe retransmissions of that (1 s, then 2 s later). */
export function buildFloodScript(rng, timing, feat) {
  const b = new ScriptBuilder(rng, timing);
  b.at(0, Op.SYN, C);
  b.then(Op.SYNACK, S);
  const r = rng.next();
  const retx = r < 0.05 ? 2 : r < 0.2 ? 1 : 0;
  for (let i = 0; i < retx; i++) {
    b.at((1 << i) * 1_000_000 + rng.int(0, 5000), Op.SYNACK, S);
    feat.synAckRetransmissions++;
  }
  return b;
}

function handshake(b) {
  b.at(0, Op.SYN, C);
  b.then(Op.SYNACK, S);
  b.then(Op.ACK, C);
}

/**
 * `n` request/response exchanges. The server's response segments acknowledge
 * the request; occasionally a segment is lost beyond the capture point and
 * retransmitted after an RTO, and rarely the client's window closes for a
 * second or more while the server probes it.
 */
function exchanges(b, rng, feat, n) {
  for (let i = 0; i < n; i++) {
    const first = i === 0 && b.lastDir === C;
    b.at(first ? rng.int(10, 200) : think(rng), Op.DATA, C, size(rng, 60, 900));
    if (rng.chance(0.01)) retransmit(b, rng, feat, C);
    let segs = 1 + (rng.chance(0.25) ? 1 : 0) + (rng.chance(0.1) ? 1 : 0);
    b.at(b.proc + rng.int(200, 30_000), Op.DATA, S, segs === 1 ? size(rng, 80, MSS_PAYLOAD) : MSS_PAYLOAD);
    segs--;
    if (segs > 0 && rng.chance(0.04)) zeroWindow(b, rng, feat);
    for (; segs > 0; segs--) b.then(Op.DATA, S, segs === 1 ? size(rng, 80, MSS_PAYLOAD) : MSS_PAYLOAD);
    if (rng.chance(0.04)) retransmit(b, rng, feat, S);
    b.then(Op.ACK, C);
  }
}

/** The segment just sent was lost past the capture point: silence, then the same bytes again after an RTO. */
function retransmit(b, rng, feat, dir) {
  b.at(200_000 + 2 * b.rtt + rng.int(0, 10_000), Op.RETX, dir);
  feat.dataRetransmissions++;
}

/** The client advertises window 0; the server probes twice; the client reopens 1-2.5 s later. */
function zeroWindow(b, rng, feat) {
  b.then(Op.ZWIN, C);
  b.at(200_000 + rng.int(0, 50_000), Op.ZWPROBE, S);
  b.then(Op.ZWIN, C);
  b.at(400_000 + rng.int(0, 50_000), Op.ZWPROBE, S);
  b.then(Op.ZWIN, C);
  b.at(rng.int(500_000, 1_500_000), Op.WINUPDATE, C);
  feat.zeroWindowEpisodes++;
  feat.zeroWindowProbes += 2;
  b.lastDir = C;
}

/** Payload sizes are log-uniform: mostly small, sometimes a full segment. */
function size(rng, lo, hi) {
  return Math.round(rng.logUniform(lo, hi));
}

function think(rng) {
  return Math.round(rng.exp(800_000)) + 1000;
}

function geometric(rng, p) {
  let k = 0;
  while (rng.chance(p) && k < 8) k++;
  return k;
}
