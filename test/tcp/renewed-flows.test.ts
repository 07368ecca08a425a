// Released flows (nobody kept them past flowEnd) give their Connection and
// endpoint objects, slots and all, to the next flows: a timer the tracker
// left for an ended flow must not fire on the flow that now uses its objects.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seg } from '../helpers/segment-builder.js';
import { ConnectionTracker } from '../../src/tcp/tracker.js';
import { Explained, explain, explained, keepFlow } from '../../src/model/events.js';
import type { Endpoint, Flow, Transition } from '../../src/model/flow.js';
import { TcpState } from '../../src/model/tcp-state.js';

const SERVER = { ip: 0x0a000002, port: 8080 };

/** Frames `frame` to `frame + 2`: a handshake from `client` (ISNs 1000 and 5000) at `ts`, 10 ms apart. */
function handshake(t: ConnectionTracker, client: { ip: number; port: number }, ts: number, frame: number): void {
  t.packet(seg('C>S', 'S', { seq: 1000, client }), ts, frame);
  t.packet(seg('S>C', 'SA', { seq: 5000, ack: 1001, client }), ts + 0.01, frame + 1);
  t.packet(seg('C>S', 'A', { seq: 1001, ack: 5001, client }), ts + 0.02, frame + 2);
}

const A = { ip: 0x0a000001, port: 40000 };

/**
 * Frames 1-6: flow A closes actively from its client, which enters TIME_WAIT
 * at frame 6 (2·MSL timer due at 1060.05). Frame 7: a new SYN on A's ports
 * ends A at once (its TIME_WAIT socket is recycled); its timer stays queued.
 */
function aClosesThenItsPortsReopen(t: ConnectionTracker): void {
  handshake(t, A, 1000, 1);
  t.packet(seg('C>S', 'FA', { seq: 1001, ack: 5001, client: A }), 1000.03, 4);
  t.packet(seg('S>C', 'FA', { seq: 5001, ack: 1002, client: A }), 1000.04, 5);
  t.packet(seg('C>S', 'A', { seq: 1002, ack: 5002, client: A }), 1000.05, 6);
  t.packet(seg('C>S', 'S', { seq: 900000, client: A }), 1001, 7);
}

/**
 * Flow A enters TIME_WAIT and ends early (a new SYN recycles its socket);
 * flow C opens on its released objects and enters TIME_WAIT on its server:
 * what listeners read of C's server when C ends.
 */
function runAThenC(keepA: boolean) {
  const started: { flow: Flow; client: Endpoint; server: Endpoint }[] = [];
  const ended = new Map<number, { serverState: TcpState; serverTransitions: Transition[] }>();
  const tracker = new ConnectionTracker({
    listeners: [
      {
        marksKept: true,
        // Holding the objects without reading them after flowEnd: only to see which flow took whose.
        flowStart: (f) => void started.push({ flow: f, client: f.client, server: f.server }),
        flowEnd: (f) => {
          if (keepA && f.id === 1) keepFlow(f);
          ended.set(f.client.port, { serverState: f.server.state, serverTransitions: f.server.transitions });
        },
      },
    ],
  });
  const c = { ip: 0x0a000003, port: 40001 };
  aClosesThenItsPortsReopen(tracker);
  // Frames 8-14: flow C, opened on A's released objects, closes actively from its server: TIME_WAIT from frame 14 to 1062.05.
  handshake(tracker, c, 1002, 8);
  tracker.packet(seg('S>C', 'FA', { seq: 5001, ack: 1001, client: c }), 1002.03, 11);
  tracker.packet(seg('C>S', 'A', { seq: 1001, ack: 5002, client: c }), 1002.035, 12);
  tracker.packet(seg('C>S', 'FA', { seq: 1001, ack: 5002, client: c }), 1002.04, 13);
  tracker.packet(seg('S>C', 'A', { seq: 5002, ack: 1002, client: c }), 1002.05, 14);
  // Frame 15: another connection's SYN moves capture time past A's old timer (1060.05), not past C's (1062.05).
  tracker.packet(seg('C>S', 'S', { seq: 1, client: { ip: 0x0a000009, port: 50000 }, server: SERVER }), 1061, 15);
  tracker.finish();

  return { started, cServer: ended.get(c.port)! };
}

/** C's server side as it ends: still in TIME_WAIT when the capture ends at 1061. */
function assertStillInTimeWait(cServer: { serverState: TcpState; serverTransitions: Transition[] }): void {
  assert.equal(cServer.serverState, TcpState.TIME_WAIT);
  assert.deepEqual(
    cServer.serverTransitions.map((t) => [t.to, t.frame]),
    [
      [TcpState.SYN_RCVD, 9],
      [TcpState.ESTABLISHED, 10],
      [TcpState.FIN_WAIT_1, 11],
      [TcpState.FIN_WAIT_2, 12],
      [TcpState.TIME_WAIT, 14],
    ],
  );
}

describe('renewed flow objects', () => {
  test("a TIME_WAIT timer left by a released flow does not end the TIME_WAIT of the flow renewed from its objects", () => {
    const { started, cServer } = runAThenC(false);
    // Flows start in the order A, A's new incarnation (frame 7), C, D (frame 15).
    assert.equal(started.length, 4);
    assert.equal(started[2]!.flow, started[0]!.flow, 'C was opened on the connection object A released');
    assert.equal(started[2]!.server, started[0]!.client, "C's server is the endpoint object of A's client");
    assertStillInTimeWait(cServer);
  });

  test("a TIME_WAIT timer left by a kept flow does not end the TIME_WAIT of the flow that took its endpoint objects", () => {
    const { started, cServer } = runAThenC(true);
    assert.notEqual(started[2]!.flow, started[0]!.flow, 'a kept connection is never renewed');
    assert.equal(started[2]!.server, started[0]!.client, "C's server is the endpoint object of A's client, which A's copy replaced");
    assertStillInTimeWait(cServer);
  });

  test("Flow.explained, set by a detector as flow A ends (frame 7), leaves A's flags alone and is cleared for C, renewed from A's objects", () => {
    const seen: { id: number; explainedAtStart: number; keptAfter: boolean; explainedAfter: boolean }[] = [];
    const tracker = new ConnectionTracker({
      listeners: [
        {
          flowStart: (f) => void seen.push({ id: f.id, explainedAtStart: f.explained ?? 0, keptAfter: false, explainedAfter: false }),
          flowEnd: (f) => {
            if (f.id !== 1) return;
            explain(f, Explained.GAVE_UP_ON_PEER | Explained.RST_FOR_DEAD_PEER | Explained.CLOSE_WAIT_REPORTED, true);
            explain(f, Explained.CLOSE_WAIT_REPORTED, false);
            seen[0]!.keptAfter = f.kept === true;
            seen[0]!.explainedAfter = explained(f, Explained.RST_FOR_DEAD_PEER, true) && explained(f, Explained.CLOSE_WAIT_REPORTED, false) && !explained(f, Explained.GAVE_UP_ON_PEER, false);
          },
        },
      ],
    });
    aClosesThenItsPortsReopen(tracker);
    handshake(tracker, { ip: 0x0a000003, port: 40001 }, 1002, 8);
    tracker.finish();
    assert.deepEqual(seen[0], { id: 1, explainedAtStart: 0, keptAfter: false, explainedAfter: true });
    assert.equal(seen[2]!.explainedAtStart, 0, 'C starts with nothing explained');
  });
});
