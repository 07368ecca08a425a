import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Chalk } from 'chalk';
import { Analysis } from '../../src/model/events.js';
import { TimelineCollector } from '../../src/report/timeline-collector.js';
import { renderTimeline } from '../../src/report/timeline.js';
import { closeWaitLeak, F, FlowScript, normalClose, T0 } from '../helpers/report-builder.js';
import { matchSnapshot } from '../helpers/snapshot.js';

const plain = new Chalk({ level: 0 });

function collect(select: (id: number) => boolean) {
  const collector = new TimelineCollector((f) => select(f.id));
  const clock = { frame: 0, ts: T0 };
  const a = new FlowScript([collector], 1, ['10.0.0.1', 40001], ['10.0.0.2', 8080], clock);
  const b = new FlowScript([collector], 2, ['10.0.0.1', 40002], ['10.0.0.2', 8080], clock);
  normalClose(a);
  closeWaitLeak(b);
  // A retransmitted FIN and a keep-alive on the leaking connection, interleaved after the first closed.
  b.send({ from: 'c', flags: F.FINACK, seq: 1, ack: 1, analysis: Analysis.RETRANSMISSION, dt: 0.2 });
  b.send({ from: 's', flags: F.ACK, seq: 0, ack: 2, analysis: Analysis.KEEP_ALIVE, dt: 7.5 });
  a.end(false);
  b.end(true, 'S1', 'ShAFaF');
  return collector;
}

describe('timeline ladder', () => {
  test('renders a normal close (frames 1-9) as in its snapshot', () => {
    const t = collect((id) => id === 1).timeline(1)!;
    matchSnapshot('timeline-normal-close.txt', renderTimeline(t, { style: plain, captureStart: T0 }));
  });

  test('renders the CLOSE_WAIT leak with its retransmission and keep-alive marked (frames 10-16)', () => {
    const t = collect((id) => id === 2).timeline(2)!;
    const out = renderTimeline(t, { style: plain, captureStart: T0 });
    matchSnapshot('timeline-close-wait.txt', out);
    assert.match(out, /\n +[0-9.]+ +15 .*\[retransmission\]/);
    assert.match(out, /\n +[0-9.]+ +16 .*\[keep-alive\]/);
  });

  test('draws client segments rightwards and server segments leftwards', () => {
    const out = renderTimeline(collect((id) => id === 1).timeline(1)!, { style: plain });
    const line = (frame: number) => out.split('\n').find((l) => new RegExp(`^ +[0-9.]+ +${frame}  `).test(l))!;
    assert.match(line(1), /──SYN seq=0 len=0─+▶/);
    assert.match(line(2), /◀──SYN,ACK seq=0 ack=1 len=0─+/);
  });

  test('stars exactly the states a segment changed: frame 7 moves both sides, frame 4 neither', () => {
    const out = renderTimeline(collect((id) => id === 1).timeline(1)!, { style: plain });
    const line = (frame: number) => out.split('\n').find((l) => new RegExp(`^ +[0-9.]+ +${frame}  `).test(l))!;
    assert.match(line(7), /FIN_WAIT_2\*.*CLOSE_WAIT\*/);
    assert.doesNotMatch(line(4), /\*/);
    assert.match(line(4), /ESTABLISHED .*ESTABLISHED$/);
  });

  test('collects only the selected flow, and lists every flow the predicate matched', () => {
    const c = collect(() => true);
    assert.deepEqual(c.matchedIds(), [1, 2]);
    assert.ok(c.timeline(1));
    assert.equal(c.timeline(2), undefined, 'only the first match is logged');
    const one = collect((id) => id === 2);
    assert.equal(one.timeline(2)!.rows.length, 7);
    assert.deepEqual(one.timeline(2)!.rows.map((r) => r.frame), [10, 11, 12, 13, 14, 15, 16]);
  });

  test('highlights transitions in colour when colours are on', () => {
    const out = renderTimeline(collect((id) => id === 1).timeline(1)!, { style: new Chalk({ level: 1 }) });
    assert.match(out, /\u001b\[1m\u001b\[32mSYN_SENT\*/);
  });
});
