import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { NdjsonFlowWriter, renderNdjsonSummary } from '../../src/report/ndjson.js';
import { renderProgress } from '../../src/report/progress.js';
import { closeWaitLeak, FlowScript, leakReport, normalClose, T0 } from '../helpers/report-builder.js';

describe('ndjson', () => {
  test('writes each connection as one line when it ends, before the capture is over', () => {
    const lines: string[] = [];
    const writer = new NdjsonFlowWriter((l) => lines.push(l));
    const clock = { frame: 0, ts: T0 };
    const a = normalClose(new FlowScript([writer], 1, ['10.0.0.1', 1], ['10.0.0.2', 80], clock));
    assert.equal(lines.length, 0);
    a.end(false);
    assert.equal(lines.length, 1, 'written at flowEnd');
    closeWaitLeak(new FlowScript([writer], 2, ['10.0.0.1', 2], ['10.0.0.2', 80], clock)).end(true, 'S1', 'ShAFa');
    const rows = lines.map((l) => JSON.parse(l));
    assert.ok(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n')));
    assert.deepEqual(rows.map((r) => [r.kind, r.id, r.client.state, r.server.state]), [
      ['flow', 1, 'TIME_WAIT', 'CLOSED'],
      ['flow', 2, 'FIN_WAIT_2', 'CLOSE_WAIT'],
    ]);
  });

  test('ends with a summary line holding summary and findings but not the flows again', () => {
    const r = leakReport();
    const last = JSON.parse(renderNdjsonSummary(r));
    assert.equal(last.kind, 'summary');
    assert.equal(last.flows, undefined);
    assert.deepEqual(last.summary, r.summary);
    assert.deepEqual(last.findings, r.findings);
  });
});

describe('progress line', () => {
  test('shows share, bytes, packet rate and time left from the byte rate', () => {
    const line = renderProgress({ bytesRead: 25_000_000, totalBytes: 100_000_000, packets: 300_000, elapsed: 10 }, 100);
    assert.match(line, /^\[#+\.+\]  25%  25\.0 MB \/ 100 MB  30\.0k pkt\/s  0:30 left$/);
    assert.ok(line.length <= 100);
  });

  test('without a total (stdin) shows bytes read and rate only', () => {
    assert.equal(renderProgress({ bytesRead: 1500, totalBytes: null, packets: 10, elapsed: 2 }), '1.5 kB read  5 pkt/s');
  });
});
