import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SegmentLog } from '../../src/report/segment-log.js';
import { FlowScript, F } from '../helpers/report-builder.js';
import type { TimelineRow } from '../../src/report/timeline-row.js';

function fill(log: SegmentLog, n: number): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const script = new FlowScript([{ segment: (ev) => { log.push(ev); rows.push({ ...ev }); } }], 1, ['10.0.0.1', 1], ['10.0.0.2', 2], { frame: 0, ts: 100 });
  for (let i = 0; i < n; i++) {
    script.send({ from: i % 3 === 0 ? 's' : 'c', flags: i % 2 ? F.PSHACK : F.ACK, seq: i * 1000 + 4_000_000_000, ack: i, len: i % 7, analysis: i % 5, client: i === 2 ? 'ESTABLISHED' : undefined });
  }
  return rows.map(({ flow: _f, ...r }: any) => r);
}

describe('SegmentLog', () => {
  test('keeps every field of every segment when uncapped, although the event object is reused', () => {
    const log = new SegmentLog();
    const pushed = fill(log, 50);
    assert.deepEqual(log.rows(), pushed);
    assert.equal(log.omitted, 0);
  });

  test('keeps the first head and last tail segments and counts the ones between', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 10 }), (n, head, tail) => {
        const log = new SegmentLog(head, tail);
        const pushed = fill(log, n);
        const keptTail = Math.min(tail, Math.max(0, n - head));
        const expected = [...pushed.slice(0, Math.min(head, n)), ...pushed.slice(n - keptTail)];
        assert.deepEqual(log.rows(), expected);
        assert.equal(log.omitted, n - expected.length);
        assert.equal(log.gapAfter, Math.min(head, n));
        assert.equal(log.total, n);
      }),
      { numRuns: 60 },
    );
  });
});
