import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { Chalk } from 'chalk';
import { analyze } from '../../src/analyze.js';
import { renderHtml } from '../../src/report/html.js';
import { HTML_STYLE } from '../../src/report/html-style.js';
import { LadderStore } from '../../src/report/ladder-store.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { NdjsonFlowWriter, renderNdjsonSummary } from '../../src/report/ndjson.js';
import { StateSeries } from '../../src/report/state-series.js';
import { renderTable } from '../../src/report/table.js';
import { TimelineCollector } from '../../src/report/timeline-collector.js';
import { renderTimeline } from '../../src/report/timeline.js';
import { captureSpan } from '../../src/report/capture-span.js';
import { matchSnapshot } from '../helpers/snapshot.js';

const plain = new Chalk({ level: 0 });
const KERNEL = 'fixtures/kernel';
const fixtures = existsSync(KERNEL)
  ? readdirSync(KERNEL).filter((d) => existsSync(`${KERNEL}/${d}/capture.pcap`)).sort()
  : [];

/** Every renderer on every kernel fixture, colours off, paths relative: the snapshots are what a user sees. */
describe('renderers on the kernel fixtures', () => {
  for (const name of fixtures) {
    test(`${name}: table, markdown, html, ndjson and the ladder of flow 1 match their snapshots`, async () => {
      const path = `${KERNEL}/${name}/capture.pcap`;
      const ladders = new LadderStore();
      const series = new StateSeries();
      const lines: string[] = [];
      const timeline = new TimelineCollector((f) => f.id === 1);
      const report = await analyze([path], { listeners: [ladders, series, new NdjsonFlowWriter((l) => lines.push(l)), timeline] });
      const src = (id: number) => ladders.timeline(id);
      matchSnapshot(`kernel/${name}.table.txt`, renderTable(report, { style: plain }));
      matchSnapshot(`kernel/${name}.md`, renderMarkdown(report, { ladders: src }));
      const html = renderHtml(report, { ladders: src, series: series.data() });
      assert.doesNotMatch(html, /https?:/);
      // The style sheet is the same on every page and html-leak.html pins it; here the page's own content counts.
      assert.ok(html.includes(HTML_STYLE));
      matchSnapshot(`kernel/${name}.html`, html.replace(HTML_STYLE, '/* HTML_STYLE, pinned by html-leak.html */'));
      const ndjson = lines.join('') + renderNdjsonSummary(report);
      assert.equal(lines.length, report.flows.length, 'one line per connection');
      matchSnapshot(`kernel/${name}.ndjson`, ndjson);
      const t = timeline.timeline(1);
      assert.ok(t, 'flow 1 has a ladder');
      matchSnapshot(`kernel/${name}.timeline.txt`, renderTimeline(t, { style: plain, captureStart: captureSpan(report).start }));
    });
  }
});
