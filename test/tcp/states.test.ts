// The RFC 793 observer, one test per transition-table row group, built from
// "an endpoint pair in state X" helpers. Synthetic segments: frame numbers are
// the order of feed() calls (1-based).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seg } from '../helpers/segment-builder.js';
import { run, type Run } from '../helpers/tracker-run.js';
import { TcpState, stateName } from '../../src/model/tcp-state.js';
import { Analysis } from '../../src/model/events.js';
import type { Flow } from '../../src/model/flow.js';

const C_ISN = 1000;
const S_ISN = 5000;

function states(f: Flow): string {
  return `${stateName(f.client.state)}/${stateName(f.server.state)}`;
}

/** Frames 1-3: SYN, SYN+ACK, ACK. */
function established(r: Run = run()): Run {
  r.feed(seg('C>S', 'S', { seq: C_ISN }));
  r.feed(seg('S>C', 'SA', { seq: S_ISN, ack: C_ISN + 1 }));
  r.feed(seg('C>S', 'A', { seq: C_ISN + 1, ack: S_ISN + 1 }));
  return r;
}

/** Frames 4-5 after established(): client FIN, server ACK of it. */
function clientFinAcked(r: Run = established()): Run {
  r.feed(seg('C>S', 'FA', { seq: C_ISN + 1, ack: S_ISN + 1 }));
  r.feed(seg('S>C', 'A', { seq: S_ISN + 1, ack: C_ISN + 2 }));
  return r;
}

function only(r: Run): Flow {
  const flows = r.finish();
  assert.equal(flows.length, 1);
  return flows[0]!;
}

describe('opening', () => {
  test('a bare SYN puts the client in SYN_SENT and leaves the silent server UNKNOWN (frame 1)', () => {
    const r = run();
    r.feed(seg('C>S', 'S', { seq: C_ISN }));
    assert.equal(states(only(r)), 'SYN_SENT/UNKNOWN');
  });

  test('the SYN+ACK puts the server in SYN_RCVD; the client stays SYN_SENT until its own ACK (frames 1-2)', () => {
    const r = run();
    r.feed(seg('C>S', 'S', { seq: C_ISN }));
    r.feed(seg('S>C', 'SA', { seq: S_ISN, ack: C_ISN + 1 }));
    assert.equal(states(only(r)), 'SYN_SENT/SYN_RCVD');
  });

  test('the third ACK establishes both sides, the transition frame is the ACK (frame 3)', () => {
    const f = only(established());
    assert.equal(states(f), 'ESTABLISHED/ESTABLISHED');
    assert.equal(f.client.transitions.at(-1)!.frame, 3);
    assert.equal(f.server.transitions.at(-1)!.frame, 3);
    assert.equal(f.partial, false);
  });

  test('simultaneous open: both SYN_SENT, both SYN_RCVD, then ESTABLISHED', () => {
    const r = run();
    r.feed(seg('C>S', 'S', { seq: C_ISN }));
    r.feed(seg('S>C', 'S', { seq: S_ISN }));
    r.feed(seg('C>S', 'SA', { seq: C_ISN, ack: S_ISN + 1 }));
    r.feed(seg('S>C', 'SA', { seq: S_ISN, ack: C_ISN + 1 }));
    r.feed(seg('C>S', 'A', { seq: C_ISN + 1, ack: S_ISN + 1 }));
    r.feed(seg('S>C', 'A', { seq: S_ISN + 1, ack: C_ISN + 1 }));
    const flows = r.finish();
    const byClient = flows.flatMap((f) => [f.client, f.server]).filter((e) => e.port === 40000);
    assert.ok(byClient.length >= 1);
    const names = flows.flatMap((f) => [f.client.transitions, f.server.transitions]).flat().map((t) => stateName(t.to));
    assert.ok(names.includes('SYN_RCVD'));
    assert.ok(names.filter((n) => n === 'ESTABLISHED').length >= 2, names.join(','));
  });

  test('a retransmitted SYN is a retransmission, not a new transition (frames 1-2)', () => {
    const r = run();
    r.feed(seg('C>S', 'S', { seq: C_ISN }));
    r.feed(seg('C>S', 'S', { seq: C_ISN }));
    const f = only(r);
    assert.equal(f.client.transitions.length, 1);
    assert.ok(r.analysis[2]! & Analysis.RETRANSMISSION);
    assert.equal(f.client.retransmissions, 1);
  });

  test('traffic without a handshake is ESTABLISHED on the sending side and flagged partial', () => {
    const r = run();
    r.feed(seg('C>S', 'A', { seq: 77, ack: 99, len: 10 }));
    r.feed(seg('S>C', 'A', { seq: 99, ack: 87 }));
    const f = only(r);
    assert.equal(states(f), 'ESTABLISHED/ESTABLISHED');
    assert.equal(f.partial, true);
  });
});

describe('SYN_RCVD', () => {
  test('a FIN from SYN_RCVD goes to FIN_WAIT_1 (frame 3)', () => {
    const r = run();
    r.feed(seg('C>S', 'S', { seq: C_ISN }));
    r.feed(seg('S>C', 'SA', { seq: S_ISN, ack: C_ISN + 1 }));
    r.feed(seg('S>C', 'FA', { seq: S_ISN + 1, ack: C_ISN + 1 }));
    assert.equal(stateName(only(r).server.state), 'FIN_WAIT_1');
  });
  test('a RST from SYN_RCVD that acks the SYN closes both sides (frame 3)', () => {
    const r = run();
    r.feed(seg('C>S', 'S', { seq: C_ISN }));
    r.feed(seg('S>C', 'SA', { seq: S_ISN, ack: C_ISN + 1 }));
    r.feed(seg('S>C', 'RA', { seq: S_ISN + 1, ack: C_ISN + 1 }));
    assert.equal(stateName(only(r).server.state), 'CLOSED');
  });
});

describe('ESTABLISHED and closing', () => {
  test('client FIN: FIN_WAIT_1; server ACK of it: client FIN_WAIT_2, server CLOSE_WAIT at the ACK (frame 5)', () => {
    const f = only(clientFinAcked());
    assert.equal(states(f), 'FIN_WAIT_2/CLOSE_WAIT');
    assert.equal(f.server.transitions.at(-1)!.frame, 5);
  });

  test('a FIN seen but not yet acked leaves the peer ESTABLISHED (observer rule, frame 4)', () => {
    const r = established();
    r.feed(seg('C>S', 'FA', { seq: C_ISN + 1, ack: S_ISN + 1 }));
    assert.equal(states(only(r)), 'FIN_WAIT_1/ESTABLISHED');
  });

  test('normal close: CLOSE_WAIT → LAST_ACK → CLOSED, FIN_WAIT_2 → TIME_WAIT (frames 6-7)', () => {
    const r = clientFinAcked();
    r.feed(seg('S>C', 'FA', { seq: S_ISN + 1, ack: C_ISN + 2 }));
    r.feed(seg('C>S', 'A', { seq: C_ISN + 2, ack: S_ISN + 2 }));
    const f = only(r);
    assert.equal(states(f), 'TIME_WAIT/CLOSED');
    assert.deepEqual(f.server.transitions.map((t) => stateName(t.to)), ['SYN_RCVD', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  });

  test('the 3-segment close: FIN+ACK answered by FIN+ACK, then the last ACK', () => {
    const r = established();
    r.feed(seg('C>S', 'FA', { seq: C_ISN + 1, ack: S_ISN + 1 }));
    r.feed(seg('S>C', 'FA', { seq: S_ISN + 1, ack: C_ISN + 2 }));
    r.feed(seg('C>S', 'A', { seq: C_ISN + 2, ack: S_ISN + 2 }));
    assert.equal(states(only(r)), 'TIME_WAIT/CLOSED');
  });

  test('simultaneous close goes through CLOSING to TIME_WAIT on both sides', () => {
    const r = established();
    r.feed(seg('C>S', 'FA', { seq: C_ISN + 1, ack: S_ISN + 1 }));
    r.feed(seg('S>C', 'FA', { seq: S_ISN + 1, ack: C_ISN + 1 }));
    r.feed(seg('C>S', 'A', { seq: C_ISN + 2, ack: S_ISN + 2 }));
    r.feed(seg('S>C', 'A', { seq: S_ISN + 2, ack: C_ISN + 2 }));
    const f = only(r);
    assert.equal(states(f), 'TIME_WAIT/TIME_WAIT');
    assert.ok(f.client.transitions.some((t) => t.to === TcpState.CLOSING));
  });

  test('a retransmitted FIN is a retransmission, not a second close (frame 5)', () => {
    const r = established();
    r.feed(seg('C>S', 'FA', { seq: C_ISN + 1, ack: S_ISN + 1 }));
    r.feed(seg('C>S', 'FA', { seq: C_ISN + 1, ack: S_ISN + 1 }));
    const f = only(r);
    assert.equal(f.client.transitions.filter((t) => t.to === TcpState.FIN_WAIT_1).length, 1);
    assert.ok(r.analysis[5]! & Analysis.RETRANSMISSION);
  });

  test('TIME_WAIT becomes CLOSED after timeWaitSeconds of capture time, by timer (frame 0)', () => {
    const r = run({ timeWaitSeconds: 60 });
    established(r);
    r.feed(seg('C>S', 'FA', { seq: C_ISN + 1, ack: S_ISN + 1 }));
    r.feed(seg('S>C', 'FA', { seq: S_ISN + 1, ack: C_ISN + 2 }));
    r.feed(seg('C>S', 'A', { seq: C_ISN + 2, ack: S_ISN + 2 }), 1001);
    // Another connection's packet 61 s later advances capture time.
    r.feed(seg('C>S', 'S', { seq: 1, client: { ip: 0x0a000009, port: 1234 } }), 1062);
    const f = r.finish().find((x) => x.client.port === 40000)!;
    assert.equal(states(f), 'CLOSED/CLOSED');
    assert.equal(f.client.transitions.at(-1)!.frame, 0);
    assert.equal(f.client.transitions.at(-1)!.ts, 1061);
  });

  test('a flow out of the table after its close still has its TIME_WAIT expire, and flowEnd waits for that', () => {
    const r = run({ timeWaitSeconds: 60 });
    established(r);
    r.feed(seg('C>S', 'FA', { seq: C_ISN + 1, ack: S_ISN + 1 }));
    r.feed(seg('S>C', 'FA', { seq: S_ISN + 1, ack: C_ISN + 2 }));
    r.feed(seg('C>S', 'A', { seq: C_ISN + 2, ack: S_ISN + 2 }), 1001);
    // Other connections' packets: at 1040 the sweep drops the closed flow (Zeek's 5 s close delay) ...
    r.feed(seg('C>S', 'S', { seq: 1, client: { ip: 0x0a000009, port: 1234 } }), 1040);
    const closed = () => r.ended.filter((f) => f.client.port === 40000);
    assert.equal(closed().length, 0, 'no flowEnd while a side is still in TIME_WAIT');
    // ... and at 1070 the 2·MSL timer has run out.
    r.feed(seg('C>S', 'S', { seq: 1, client: { ip: 0x0a000009, port: 1235 } }), 1070);
    assert.equal(closed().length, 1);
    assert.equal(states(closed()[0]!), 'CLOSED/CLOSED');
    assert.equal(closed()[0]!.client.transitions.at(-1)!.ts, 1061);
  });

  test('a TIME_WAIT younger than timeWaitSeconds at capture end stays TIME_WAIT', () => {
    const r = run({ timeWaitSeconds: 60 });
    established(r);
    r.feed(seg('C>S', 'FA', { seq: C_ISN + 1, ack: S_ISN + 1 }));
    r.feed(seg('S>C', 'FA', { seq: S_ISN + 1, ack: C_ISN + 2 }));
    r.feed(seg('C>S', 'A', { seq: C_ISN + 2, ack: S_ISN + 2 }));
    assert.equal(stateName(only(r).client.state), 'TIME_WAIT');
  });
});

describe('RST', () => {
  test('an in-window RST closes both sides', () => {
    const r = established();
    r.feed(seg('S>C', 'R', { seq: S_ISN + 1 }));
    assert.equal(states(only(r)), 'CLOSED/CLOSED');
  });

  test('an out-of-window RST is recorded, not obeyed (frame 4)', () => {
    const r = established();
    r.feed(seg('S>C', 'R', { seq: S_ISN + 1 + 10_000_000 }));
    assert.equal(states(only(r)), 'ESTABLISHED/ESTABLISHED');
    assert.ok(r.analysis[4]! & Analysis.RST_OUT_OF_WINDOW);
  });

  test('in SYN_SENT a RST is acceptable only if it acks the SYN (connection refused)', () => {
    const bad = run();
    bad.feed(seg('C>S', 'S', { seq: C_ISN }));
    bad.feed(seg('S>C', 'RA', { seq: 0, ack: C_ISN + 7 }));
    assert.equal(stateName(only(bad).client.state), 'SYN_SENT');
    const good = run();
    good.feed(seg('C>S', 'S', { seq: C_ISN }));
    good.feed(seg('S>C', 'RA', { seq: 0, ack: C_ISN + 1 }));
    const f = only(good);
    assert.equal(states(f), 'CLOSED/CLOSED');
    assert.equal(f.connState, 'REJ');
  });
});

describe('keep-alive and sequence wrap', () => {
  test('a keep-alive (seq = next − 1, 0 bytes) is recognised and changes nothing (frame 4)', () => {
    const r = established();
    r.feed(seg('C>S', 'A', { seq: C_ISN, ack: S_ISN + 1 }));
    const f = only(r);
    assert.ok(r.analysis[4]! & Analysis.KEEP_ALIVE);
    assert.equal(f.client.keepAlives, 1);
    assert.equal(f.client.retransmissions, 0);
    assert.equal(states(f), 'ESTABLISHED/ESTABLISHED');
  });

  test('a FIN acked across the 2^32 wrap still moves FIN_WAIT_1 → FIN_WAIT_2', () => {
    const isn = 0xfffffff0;
    const r = run();
    r.feed(seg('C>S', 'S', { seq: isn }));
    r.feed(seg('S>C', 'SA', { seq: S_ISN, ack: isn + 1 }));
    r.feed(seg('C>S', 'A', { seq: isn + 1, ack: S_ISN + 1 }));
    r.feed(seg('C>S', 'PA', { seq: isn + 1, ack: S_ISN + 1, len: 100 }));
    const finSeq = (isn + 101) >>> 0;
    r.feed(seg('C>S', 'FA', { seq: finSeq, ack: S_ISN + 1 }));
    r.feed(seg('S>C', 'A', { seq: S_ISN + 1, ack: (finSeq + 1) >>> 0 }));
    const f = only(r);
    assert.equal(states(f), 'FIN_WAIT_2/CLOSE_WAIT');
    assert.equal(r.analysis[4]! & Analysis.RETRANSMISSION, 0);
  });
});

describe('incarnations', () => {
  test('a new SYN with another ISN on a closed tuple starts a new flow with the next id', () => {
    const r = established();
    r.feed(seg('S>C', 'R', { seq: S_ISN + 1 }));
    r.feed(seg('C>S', 'S', { seq: 900_000 }));
    const flows = r.finish();
    assert.deepEqual(flows.map((f) => f.id), [1, 2]);
    assert.equal(stateName(flows[1]!.client.state), 'SYN_SENT');
  });

  test('a SYN reusing a tuple in TIME_WAIT is flagged reused-ports', () => {
    const r = established();
    r.feed(seg('C>S', 'FA', { seq: C_ISN + 1, ack: S_ISN + 1 }));
    r.feed(seg('S>C', 'FA', { seq: S_ISN + 1, ack: C_ISN + 2 }));
    r.feed(seg('C>S', 'A', { seq: C_ISN + 2, ack: S_ISN + 2 }));
    r.feed(seg('C>S', 'S', { seq: 777_777 }));
    const flows = r.finish();
    assert.equal(flows.length, 2);
    assert.ok(r.analysis[7]! & Analysis.REUSED_PORTS);
  });

  test('the TIME_WAIT side of the old connection is CLOSED by the SYN that reuses its tuple (frame 7)', () => {
    const r = established();
    r.feed(seg('C>S', 'FA', { seq: C_ISN + 1, ack: S_ISN + 1 }));
    r.feed(seg('S>C', 'FA', { seq: S_ISN + 1, ack: C_ISN + 2 }));
    r.feed(seg('C>S', 'A', { seq: C_ISN + 2, ack: S_ISN + 2 }));
    r.feed(seg('C>S', 'S', { seq: 777_777 }));
    const [old] = r.finish();
    assert.equal(states(old!), 'CLOSED/CLOSED');
    assert.equal(old!.client.transitions.at(-1)!.frame, 7);
  });
});
