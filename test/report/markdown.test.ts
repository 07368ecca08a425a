import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../src/report/markdown.js';
import { TimelineCollector } from '../../src/report/timeline-collector.js';
import { closeWaitLeak, F, FlowScript, leakReport, T0 } from '../helpers/report-builder.js';
import { matchSnapshot } from '../helpers/snapshot.js';
import type { Timeline } from '../../src/report/timeline-row.js';

/** Ladders for flows 2, 3 and 5 of leakReport, flow 3 long enough to be cut. */
function ladders(): (id: number) => Timeline | undefined {
  const c = new TimelineCollector((f) => [2, 3, 5].includes(f.id), 3);
  const clock = { frame: 0, ts: T0 };
  closeWaitLeak(new FlowScript([c], 2, ['10.0.0.1', 40002], ['10.0.0.2', 8080], clock)).end(true);
  const long = closeWaitLeak(new FlowScript([c], 3, ['10.0.0.1', 40003], ['10.0.0.2', 8080], clock));
  for (let i = 0; i < 60; i++) long.send({ from: 's', flags: F.PSHACK, seq: 1 + i * 100, ack: 2, len: 100 });
  long.end(true);
  closeWaitLeak(new FlowScript([c], 5, ['2001:db8::1', 40005], ['2001:db8::2', 443], clock)).end(true);
  return (id) => c.timeline(id);
}

describe('markdown report', () => {
  test('renders the service-leak report with ladders as in its snapshot', () => {
    matchSnapshot('markdown-leak.md', renderMarkdown(leakReport(), { ladders: ladders() }));
  });

  test('caps a ladder at 40 segments with the omitted count between head and tail', () => {
    const out = renderMarkdown(leakReport(), { ladders: ladders() });
    const flow3 = out.slice(out.indexOf('### Flow 3'), out.indexOf('### Flow 5'));
    const segmentLines = flow3.split('\n').filter((l) => /^ +\d+\.\d{6} +\d+ /.test(l));
    assert.equal(segmentLines.length, 40);
    assert.match(flow3, /⋮ 25 segments omitted ⋮/);
  });

  test('draws at most maxLadders ladders, worst findings first', () => {
    const out = renderMarkdown(leakReport(), { ladders: ladders(), maxLadders: 2 });
    const heads = out.split('\n').filter((l) => l.startsWith('### Flow'));
    // close-wait-stuck on flows 2 (27.9 s) and 3 (26.8 s) outrank flow 5 (25.1 s).
    assert.deepEqual(heads.map((h) => h.split(':')[0]), ['### Flow 2', '### Flow 3']);
  });

  test('escapes table pipes and raw HTML from finding messages', () => {
    const out = renderMarkdown(leakReport());
    assert.doesNotMatch(out, /<script>/);
    assert.match(out, /\\<script\\>/);
    assert.match(out, /more \\\| pipes/);
    for (const row of out.split('\n').filter((l) => l.startsWith('| error') || l.startsWith('| warning'))) {
      assert.equal(row.replace(/\\\|/g, '').split('|').length - 2, 7, `7 cells: ${row}`);
    }
  });
});
