// The capture generator: connections arrive over the capture's duration (a
// Poisson process, plus one SYN-flood burst), each plays its scenario's
// script, and a time-ordered heap interleaves all of them into one pcap.
// Everything derives from the seed, so one seed gives a byte-identical file.
import { writeFileSync } from 'node:fs';
import { CADDR, CMAC, CPORT, FLOWLABEL, IPID, ISN, MSS, OPTS, OptStyle, SADDR, SPORT, STATE_LEN, TSB, TTL, V6, VLAN, WIN, WS, emitPacket } from './emit.mjs';
import { TimeHeap } from './heap.mjs';
import { PcapWriter, BASE_EPOCH, SNAPLEN, newPacketSpec } from './pcap-writer.mjs';
import { Rng } from './prng.mjs';
import { BOUNDED_SCENARIOS, SCENARIOS as OPEN_SCENARIOS, SYN_FLOOD, buildFloodScript, buildScript, newFeatureCounts } from './scenarios.mjs';

export const GENERATOR_VERSION = 2;

const SERVERS = 16;
/** [server index, port, weight]: the services clients talk to. */
const SERVICES = [
  [0, 443, 30], [1, 443, 20], [2, 80, 10], [3, 443, 8], [4, 8080, 8], [5, 5432, 6], [6, 6379, 6],
  [7, 8080, 4], [8, 22, 2], [9, 3306, 3], [10, 9092, 3],
];
const SERVICE_WEIGHTS = SERVICES.map((s) => s[2]);
const SERVICE_TOTAL = SERVICE_WEIGHTS.reduce((a, b) => a + b, 0);
/** Where most CLOSE_WAIT leaks happen, so per-service aggregation has something to find. */
const LEAKY_SERVICE = [7, 8080];
const FLOOD_TARGET = [3, 443];
const FLOOD_SHARE = 0.05;
/** SYNs per second during the flood burst (at least; more at large sizes so it lasts ≤ 15 s). */
const FLOOD_MIN_RATE = 400;
const EPHEMERAL_LO = 32768, EPHEMERAL_HI = 60999;

/**
 * Writes `out` (classic pcap) and `out` minus .pcap plus .expected.json, and
 * returns the sidecar object.
 * With `bounded`, every connection closes (BOUNDED_SCENARIOS): the connections
 * open at once then depend on the arrival rate, not on the capture's length.
 * @param {{connections: number, seed: number, out: string, durationSec?: number, timeWaitSec?: number, snaplen?: number, bounded?: boolean}} opts
 */
export function generateCapture(opts) {
  const SCENARIOS = opts.bounded ? BOUNDED_SCENARIOS : OPEN_SCENARIOS;
  const N = opts.connections;
  const seed = opts.seed >>> 0;
  const durationUs = Math.round((opts.durationSec ?? 120) * 1e6);
  const timeWaitUs = Math.round((opts.timeWaitSec ?? 60) * 1e6);
  const rng = new Rng(seed);
  const writer = new PcapWriter(opts.out, opts.snaplen ?? SNAPLEN);
  const spec = newPacketSpec();
  const heap = new TimeHeap(1 << 16);
  const feat = newFeatureCounts();

  const nFlood = N >= 40 ? Math.round(N * FLOOD_SHARE) : 0;
  const nNormal = N - nFlood;
  const floodRate = Math.max(FLOOD_MIN_RATE, nFlood / 15);
  const floodStartUs = Math.round(durationUs * 0.4);
  const clients = Math.max(64, Math.ceil(N / 200));
  const nextPort = new Int32Array(clients).fill(-1);
  const floodSources = new Set();

  const scWeights = SCENARIOS.map((s) => s.weight);
  const scTotal = scWeights.reduce((a, b) => a + b, 0);
  const allScenarios = [...SCENARIOS, SYN_FLOOD];
  const FLOOD_INDEX = SCENARIOS.length;
  const perScenario = allScenarios.map(() => ({ count: 0, packets: 0, ipv6: 0, vlan: 0 }));
  // TIME_WAIT sides, resolved against the capture's end once it is known.
  let twScenario = new Int32Array(1024), twSide = new Int8Array(1024), twTime = new Float64Array(1024);
  let twCount = 0;
  // Open connections per second of capture time, as a tracker holding each flow until CLOSED or 2·MSL sees them.
  const openDelta = new Int32Array(Math.ceil((durationUs + timeWaitUs) / 1e6) + 3600);

  /** Slots hold connections in flight: [scenario, ops, pos, state, id, start]. */
  const conns = [];
  const free = [];
  let started = 0, floodStarted = 0, normalStarted = 0;
  let nextNormal = nNormal > 0 ? rng.exp(durationUs / nNormal) : Infinity;
  let nextFlood = nFlood > 0 ? floodStartUs : Infinity;
  let lastTime = 0, firstTime = -1;
  // What Wireshark's tcp.flags / tcp.analysis columns must count (the report's summary.analysis).
  const wire = { syn: 0, synAck: 0, fin: 0, rst: 0, zeroWindows: 0 };
  const leakEnds = [];
  let zeroWindowConnections = 0;

  const start = (timeUs, flood) => {
    const id = ++started;
    const st = new Array(STATE_LEN).fill(0);
    const timing = {
      rtt: Math.round(rng.logUniform(300, 120_000)),
      proc: Math.round(rng.logUniform(15, 400)),
      horizon: Math.max(0, durationUs - timeUs),
    };
    let sc, script;
    if (flood) {
      sc = FLOOD_INDEX;
      setupFlood(st);
      script = buildFloodScript(rng, timing, feat);
    } else {
      sc = rng.pick(scWeights, scTotal);
      setupClient(st, sc);
      const zw = feat.zeroWindowEpisodes;
      script = buildScript(SCENARIOS[sc], rng, timing, feat);
      if (feat.zeroWindowEpisodes > zw) zeroWindowConnections++;
    }
    const counts = perScenario[sc];
    counts.count++;
    counts.packets += script.packets;
    if (st[V6] === 1) counts.ipv6++;
    if (st[VLAN] !== 0) counts.vlan++;
    const slot = free.length > 0 ? free.pop() : conns.length;
    conns[slot] = { sc, ops: script.ops, pos: 0, st, id, start: timeUs };
    heap.push(timeUs, id, slot);
  };

  const setupCommon = (st) => {
    st[ISN] = rng.u32();
    st[ISN + 1] = rng.u32();
    st[IPID] = rng.int(0, 0xffff);
    st[IPID + 1] = rng.int(0, 0xffff);
    st[TSB] = rng.u32();
    st[TSB + 1] = rng.u32();
    st[FLOWLABEL] = rng.int(0, 0xfffff) & ~1;
  };

  const setupClient = (st, sc) => {
    setupCommon(st);
    const k = rng.int(0, clients - 1);
    const v6 = k % 10 === 4;
    let svc = SERVICES[rng.pick(SERVICE_WEIGHTS, SERVICE_TOTAL)];
    if (SCENARIOS[sc].name === 'close-wait-leak' && rng.chance(0.8)) svc = LEAKY_SERVICE;
    st[V6] = v6 ? 1 : 0;
    if (v6) {
      st[CADDR] = 0x20010db8; st[CADDR + 1] = 0x000c0000; st[CADDR + 2] = 0; st[CADDR + 3] = k + 1;
      st[SADDR] = 0x20010db8; st[SADDR + 1] = 0x00010000; st[SADDR + 2] = 0; st[SADDR + 3] = svc[0] + 1;
    } else {
      st[CADDR] = (0x0a800000 + k + 1) >>> 0;
      st[SADDR] = (0x0a010000 + svc[0] + 1) >>> 0;
    }
    st[CMAC] = 0x0a000000 + k;
    st[VLAN] = k % 7 === 3 ? 100 + (k % 5) : 0;
    // Each client hands out ephemeral ports in order from a random start, so 4-tuples never repeat.
    if (nextPort[k] < 0) nextPort[k] = rng.int(EPHEMERAL_LO, EPHEMERAL_HI);
    st[CPORT] = nextPort[k];
    nextPort[k] = nextPort[k] === EPHEMERAL_HI ? EPHEMERAL_LO : nextPort[k] + 1;
    st[SPORT] = svc[1];
    const windows = k % 5 === 2;
    st[OPTS] = windows ? OptStyle.WINDOWS : OptStyle.LINUX_TS;
    st[TTL] = (windows ? 128 : 64) - (k % 17);
    st[TTL + 1] = 64;
    st[MSS] = v6 ? 1440 : 1460;
    st[MSS + 1] = v6 ? 1440 : 1460;
    st[WS] = windows ? 8 : 7;
    st[WS + 1] = 7 + (svc[0] % 4);
    st[WIN] = windows ? 1026 : 502;
    st[WIN + 1] = 509;
  };

  const setupFlood = (st) => {
    setupCommon(st);
    let addr, port;
    do {
      addr = rng.u32();
      port = rng.int(1024, 65535);
      const top = addr >>> 24;
      if (top === 0 || top === 10 || top === 127 || top >= 224) continue;
      const key = addr * 65536 + port;
      if (!floodSources.has(key)) {
        floodSources.add(key);
        break;
      }
    } while (true);
    st[V6] = 0;
    st[CADDR] = addr;
    st[SADDR] = (0x0a010000 + FLOOD_TARGET[0] + 1) >>> 0;
    st[CMAC] = 0x0b000000 + (addr & 0xffffff);
    st[CPORT] = port;
    st[SPORT] = FLOOD_TARGET[1];
    st[OPTS] = OptStyle.NONE;
    st[TTL] = rng.int(30, 250);
    st[TTL + 1] = 64;
    st[WIN] = rng.int(512, 65535);
    st[WIN + 1] = 65160;
  };

  const finish = (c, endUs) => {
    const sc = allScenarios[c.sc];
    // A leak that closes late (bounded) has left CLOSE_WAIT by the capture's end.
    if (sc.name === 'close-wait-leak' && sc.closes !== true) leakEnds.push(endUs);
    const startSec = Math.floor(c.start / 1e6);
    openDelta[startSec]++;
    let release = -1;
    if (sc.end[0] === 'CLOSED' && sc.end[1] === 'CLOSED') release = endUs;
    else if (sc.end[0] === 'TW' || sc.end[1] === 'TW') release = endUs + timeWaitUs;
    if (release >= 0) openDelta[Math.floor(release / 1e6)]--;
    for (let side = 0; side < 2; side++) {
      if (sc.end[side] !== 'TW') continue;
      if (twCount === twTime.length) {
        const n = twCount * 2;
        const a = new Int32Array(n), b = new Int8Array(n), t = new Float64Array(n);
        a.set(twScenario); b.set(twSide); t.set(twTime);
        twScenario = a; twSide = b; twTime = t;
      }
      twScenario[twCount] = c.sc;
      twSide[twCount] = side;
      twTime[twCount] = endUs;
      twCount++;
    }
  };

  for (;;) {
    const arrival = Math.min(nextNormal, nextFlood);
    if (arrival === Infinity && heap.size === 0) break;
    if (arrival <= heap.peekTime()) {
      const t = Math.round(arrival);
      if (nextFlood <= nextNormal) {
        start(t, true);
        floodStarted++;
        nextFlood = floodStarted < nFlood ? nextFlood + rng.exp(1e6 / floodRate) : Infinity;
      } else {
        start(t, false);
        normalStarted++;
        nextNormal = normalStarted < nNormal ? nextNormal + rng.exp(durationUs / nNormal) : Infinity;
      }
      continue;
    }
    const t = heap.peekTime();
    const slot = heap.pop();
    const c = conns[slot];
    emitPacket(c.st, c.ops[c.pos + 1], c.ops[c.pos + 2], t, spec);
    writer.write(spec);
    const fl = spec.flags;
    if (fl & 0x02) {
      if (fl & 0x10) wire.synAck++;
      else wire.syn++;
    }
    if (fl & 0x01) wire.fin++;
    if (fl & 0x04) wire.rst++;
    else if (spec.window === 0 && (fl & 0x02) === 0) wire.zeroWindows++;
    if (firstTime < 0) firstTime = t;
    lastTime = t;
    c.pos += 3;
    if (c.pos < c.ops.length) {
      heap.push(t + c.ops[c.pos], c.id, slot);
    } else {
      finish(c, t);
      conns[slot] = undefined;
      free.push(slot);
    }
  }
  writer.close();

  const sidecar = summarise();
  writeFileSync(sidecarPath(opts.out), JSON.stringify(sidecar, null, 2) + '\n');
  return sidecar;

  function summarise() {
    // A TIME_WAIT side is CLOSED once 2·MSL of capture time has passed since its last packet.
    // Near that boundary a tracker may reasonably say either: which packet starts TIME_WAIT
    // (a FIN+ACK or the final ACK, up to an RTT apart) and a coarse timer both move it a little.
    const TOLERANCE_US = 1e6;
    const expired = allScenarios.map(() => [0, 0]);
    let ambiguous = 0;
    for (let i = 0; i < twCount; i++) {
      const age = lastTime - twTime[i];
      if (age >= timeWaitUs) expired[twScenario[i]][twSide[i]]++;
      if (Math.abs(age - timeWaitUs) < TOLERANCE_US) ambiguous++;
    }
    const endStates = {};
    const add = (obj, state, n) => {
      if (n > 0) obj[state] = (obj[state] ?? 0) + n;
    };
    const scenarios = {};
    allScenarios.forEach((sc, i) => {
      const n = perScenario[i].count;
      const sides = [{}, {}];
      for (let side = 0; side < 2; side++) {
        if (sc.end[side] === 'TW') {
          add(sides[side], 'CLOSED', expired[i][side]);
          add(sides[side], 'TIME_WAIT', n - expired[i][side]);
        } else add(sides[side], sc.end[side], n);
        for (const [state, k] of Object.entries(sides[side])) add(endStates, state, k);
      }
      scenarios[sc.name] = {
        description: sc.what,
        connections: n,
        packets: perScenario[i].packets,
        ipv6: perScenario[i].ipv6,
        vlan: perScenario[i].vlan,
        expectedEndStates: { client: sides[0], server: sides[1] },
      };
    });
    let open = 0, peakOpen = 0;
    for (let i = 0; i < openDelta.length; i++) {
      open += openDelta[i];
      if (open > peakOpen) peakOpen = open;
    }
    const totals = perScenario.reduce((a, s) => ({ ipv6: a.ipv6 + s.ipv6, vlan: a.vlan + s.vlan }), { ipv6: 0, vlan: 0 });
    return {
      generator: 'tcpstate bench/generate.mjs',
      generatorVersion: GENERATOR_VERSION,
      seed,
      connections: N,
      packets: writer.packets,
      fileBytes: writer.bytes,
      snaplen: writer.snaplen,
      firstTs: firstTime < 0 ? null : BASE_EPOCH + firstTime / 1e6,
      lastTs: firstTime < 0 ? null : BASE_EPOCH + lastTime / 1e6,
      arrivalWindowSeconds: durationUs / 1e6,
      timeWaitSeconds: timeWaitUs / 1e6,
      peakOpenConnections: peakOpen,
      bounded: opts.bounded === true,
      features: { ...feat, zeroWindowConnections, ipv6Connections: totals.ipv6, vlanConnections: totals.vlan, floodTarget: `10.1.0.${FLOOD_TARGET[0] + 1}:${FLOOD_TARGET[1]}`, leakyService: `10.1.0.${LEAKY_SERVICE[0] + 1}:${LEAKY_SERVICE[1]}` },
      expected: {
        flows: N,
        endStates,
        /** TIME_WAIT sides within 1 s of expiring at capture end: a tracker may count them TIME_WAIT or CLOSED. */
        timeWaitBoundary: ambiguous,
        /** Frame counts as Wireshark's tcp.flags / tcp.analysis filters give them. */
        analysis: {
          ...wire,
          retransmissions: feat.dataRetransmissions + feat.synRetransmissions + feat.synAckRetransmissions,
          dupAcks: 0,
          keepAlives: feat.keepAlives,
        },
        /** CLOSE_WAIT leaks by how long the server has sat on the client's FIN when the capture ends. */
        closeWaitLeaks: {
          total: leakEnds.length,
          atLeast5s: leakEnds.filter((t) => lastTime - t >= 5e6).length,
          atLeast60s: leakEnds.filter((t) => lastTime - t >= 60e6).length,
        },
      },
      scenarios,
    };
  }
}

export function sidecarPath(pcapPath) {
  return pcapPath.replace(/\.pcap$/, '') + '.expected.json';
}
