import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Chalk } from 'chalk';
import { renderFlowsJson, renderFlowsTable } from '../../src/report/flows-table.js';
import { leakReport, T0 } from '../helpers/report-builder.js';
import { matchSnapshot } from '../helpers/snapshot.js';

const plain = new Chalk({ level: 0 });

describe('flows listing', () => {
  test('renders one row per connection as in its snapshot (no width: a pipe)', () => {
    const r = leakReport();
    matchSnapshot('flows-leak.txt', renderFlowsTable(r.flows, { style: plain, captureStart: T0, findings: r.findings }));
  });

  test('folds each connection onto two lines when the terminal is narrower than the table', () => {
    const r = leakReport();
    const out = renderFlowsTable(r.flows, { style: plain, captureStart: T0, findings: r.findings, width: 80 });
    matchSnapshot('flows-leak-80.txt', out);
    assert.equal(out.trimEnd().split('\n').length, 2 * r.flows.length);
    for (const l of out.split('\n')) assert.ok(l.length <= 80, l);
  });

  test('json adds each connection\'s duration and the ids of the findings naming it', () => {
    const r = leakReport();
    const doc = JSON.parse(renderFlowsJson(r.flows.slice(1, 2), r.findings));
    assert.equal(doc.flows.length, 1);
    assert.equal(doc.flows[0].id, 2);
    assert.equal(doc.flows[0].duration, r.flows[1]!.lastTs - r.flows[1]!.firstTs);
    assert.deepEqual(doc.flows[0].findings, ['close-wait-stuck']);
  });
});
