import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderHtml } from '../../src/report/html.js';
import { StateSeries } from '../../src/report/state-series.js';
import { TimelineCollector } from '../../src/report/timeline-collector.js';
import { closeWaitLeak, FlowScript, leakReport, normalClose, T0 } from '../helpers/report-builder.js';
import { matchSnapshot } from '../helpers/snapshot.js';

const CHROMIUM = '/usr/bin/chromium';

/** A report whose chart shows CLOSE_WAIT climbing, with the ladder of flow 2. */
function page(): string {
  const series = new StateSeries();
  const ladders = new TimelineCollector((f) => f.id === 2);
  const clock = { frame: 0, ts: T0 };
  normalClose(new FlowScript([series, ladders], 1, ['10.0.0.1', 40001], ['10.0.0.2', 8080], clock)).end(false);
  for (const id of [2, 3, 5]) {
    clock.ts += 8;
    const s = closeWaitLeak(new FlowScript([series, ladders], id, ['10.0.0.1', 40000 + id], ['10.0.0.2', 8080], clock));
    if (id === 2) s.end(true);
  }
  return renderHtml(leakReport(), { series: series.data(), ladders: (id) => ladders.timeline(id), version: '0.0.0-test' });
}

describe('html report', () => {
  test('renders the service-leak page as in its snapshot', () => {
    matchSnapshot('html-leak.html', page());
  });

  test('references nothing outside the page: no URL, no script, a CSP that forbids fetching', () => {
    const html = page();
    assert.doesNotMatch(html, /https?:|\/\/[a-z]/i);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  test('escapes every embedded string (a finding message carrying markup stays text)', () => {
    const html = page();
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; more/);
  });

  test('draws both charts, the CLOSE_WAIT series among them, and the ladder of flow 2', () => {
    const html = page();
    assert.equal((html.match(/<svg class="chart"/g) ?? []).length, 2);
    assert.match(html, /<polyline [^>]*stroke="#d62728"[^>]*><title>CLOSE_WAIT<\/title>/);
    assert.match(html, /<svg class="ladder"[^>]*aria-label="ladder of flow 2"/);
  });

  test('loads in headless Chromium without console errors and keeps its charts', { timeout: 60_000 }, (t) => {
    if (!existsSync(CHROMIUM)) {
      t.skip(`${CHROMIUM} not installed (apt-get install chromium); skipping the browser check`);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'tcpstate-html-'));
    try {
      const file = join(dir, 'report.html');
      writeFileSync(file, page());
      const res = spawnSync(
        CHROMIUM,
        [
          '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
          '--disable-sync', '--no-first-run', `--user-data-dir=${join(dir, 'profile')}`, '--enable-logging=stderr', '--v=0',
          '--dump-dom', `file://${file}`,
        ],
        { encoding: 'utf8', timeout: 50_000 },
      );
      assert.equal(res.status, 0, res.stderr);
      const consoleLines = res.stderr.split('\n').filter((l) => l.includes('CONSOLE'));
      assert.deepEqual(consoleLines, [], 'the browser console must stay empty');
      assert.match(res.stdout, /<svg class="chart"/);
      assert.match(res.stdout, /<svg class="ladder"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
