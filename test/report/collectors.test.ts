import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../src/model/events.js';
import { LadderStore } from '../../src/report/ladder-store.js';
import { StateSeries } from '../../src/report/state-series.js';
import { closeWaitLeak, F, FlowScript, normalClose, T0 } from '../helpers/report-builder.js';

describe('LadderStore', () => {
  test('keeps the ladder of a connection left in CLOSE_WAIT and drops the one that closed cleanly', () => {
    const store = new LadderStore();
    const clock = { frame: 0, ts: T0 };
    normalClose(new FlowScript([store], 1, ['10.0.0.1', 1], ['10.0.0.2', 80], clock)).end(false);
    closeWaitLeak(new FlowScript([store], 2, ['10.0.0.1', 2], ['10.0.0.2', 80], clock)).end(true);
    assert.equal(store.timeline(1), undefined);
    assert.deepEqual(store.timeline(2)!.rows.map((r) => r.frame), [10, 11, 12, 13, 14]);
  });

  test('keeps a cleanly closed connection that retransmitted, capped to head and tail', () => {
    const store = new LadderStore({ head: 4, tail: 2 });
    const s = new FlowScript([store], 1, ['10.0.0.1', 1], ['10.0.0.2', 80], { frame: 0, ts: T0 });
    s.send({ from: 'c', flags: F.PSHACK, len: 10, analysis: Analysis.RETRANSMISSION });
    normalClose(s).end(false);
    const t = store.timeline(1)!;
    assert.deepEqual(t.rows.map((r) => r.frame), [1, 2, 3, 4, 9, 10]);
    assert.equal(t.omitted, 4);
    assert.equal(t.gapAfter, 4);
  });

  test('under memory pressure keeps the stuck connections over the merely reset ones', () => {
    const store = new LadderStore({ maxKept: 2 });
    const clock = { frame: 0, ts: T0 };
    for (let id = 1; id <= 6; id++) {
      const s = new FlowScript([store], id, ['10.0.0.1', id], ['10.0.0.2', 80], clock);
      if (id === 3 || id === 5) closeWaitLeak(s).end(true);
      else s.send({ from: 'c', flags: F.SYN, client: 'SYN_SENT' }).send({ from: 's', flags: F.RSTACK, client: 'CLOSED' }).end(false);
    }
    assert.ok(store.timeline(3) && store.timeline(5));
    for (const id of [1, 2, 4, 6]) assert.equal(store.timeline(id), undefined, `flow ${id}`);
  });
});

describe('StateSeries', () => {
  test('counts a climbing CLOSE_WAIT: one more leaked server socket per second, none released', () => {
    const series = new StateSeries();
    const clock = { frame: 0, ts: T0 };
    for (let id = 1; id <= 5; id++) {
      closeWaitLeak(new FlowScript([series], id, ['10.0.0.1', id], ['10.0.0.2', 80], clock));
      clock.ts += 1;
    }
    const d = series.data();
    const cw = d.states.CLOSE_WAIT!;
    assert.equal(cw[cw.length - 1], 5);
    for (let i = 1; i < cw.length; i++) assert.ok(cw[i]! >= cw[i - 1]!, 'never decreases');
    assert.ok(d.buckets <= 240 && d.buckets * d.width >= 4, 'buckets cover the capture');
    assert.equal(d.syns.reduce((a, b) => a + b, 0), 5);
    assert.equal(d.handshakes.reduce((a, b) => a + b, 0), 5);
  });

  test('a cleanly closed connection leaves only its TIME_WAIT client, which is gone once the flow ends', () => {
    const series = new StateSeries();
    const clock = { frame: 0, ts: T0 };
    const s = normalClose(new FlowScript([series], 1, ['10.0.0.1', 1], ['10.0.0.2', 80], clock));
    const before = series.data();
    assert.equal(before.states.TIME_WAIT!.at(-1), 1);
    assert.equal(before.states.ESTABLISHED!.at(-1), 0);
    const series2 = new StateSeries();
    const s2 = normalClose(new FlowScript([series2], 1, ['10.0.0.1', 1], ['10.0.0.2', 80], { frame: 0, ts: T0 }));
    s2.end(false);
    new FlowScript([series2], 2, ['10.0.0.1', 2], ['10.0.0.2', 80], { frame: 20, ts: T0 + 60 }).send({ from: 'c', flags: F.SYN, client: 'SYN_SENT' });
    const after = series2.data();
    assert.equal(after.states.TIME_WAIT!.at(-1), 0);
    assert.equal(after.states.SYN_SENT!.at(-1), 1);
    void s;
  });

  test('keeps the SYN total when buckets merge over a long capture', () => {
    const series = new StateSeries();
    const clock = { frame: 0, ts: T0 };
    for (let id = 1; id <= 50; id++) {
      new FlowScript([series], id, ['10.0.0.1', id], ['10.0.0.2', 80], clock).send({ from: 'c', flags: F.SYN, client: 'SYN_SENT', dt: 37 });
    }
    const d = series.data();
    assert.equal(d.syns.reduce((a, b) => a + b, 0), 50);
    assert.equal(d.states.SYN_SENT!.at(-1), 50);
    assert.ok(d.width >= (49 * 37) / 240);
  });
});
