import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Chalk } from 'chalk';
import { renderTable } from '../../src/report/table.js';
import { finding, flowReport, leakReport, report } from '../helpers/report-builder.js';
import { matchSnapshot } from '../helpers/snapshot.js';

const plain = new Chalk({ level: 0 });

describe('terminal report', () => {
  test('renders the service-leak report as in its snapshot (colours off)', () => {
    matchSnapshot('table-leak.txt', renderTable(leakReport(), { style: plain }));
  });

  test('groups findings by service, the service with the worst and most findings first', () => {
    const out = renderTable(leakReport(), { style: plain });
    const leak = out.indexOf('10.0.0.2:8080  2 errors');
    const v6 = out.indexOf('[2001:db8::2]:443  1 error');
    const reset = out.indexOf('10.0.0.9:5432  1 warning');
    assert.ok(leak > 0 && v6 > 0 && reset > 0, out);
    assert.ok(leak < v6 && v6 < reset, 'error services before warning ones, bigger groups first');
  });

  test('says "still open at capture end" only for censored findings', () => {
    const out = renderTable(leakReport(), { style: plain });
    const lines = out.split('\n');
    const cw = lines.filter((l) => /ERROR +close-wait-stuck/.test(l));
    const rst = lines.filter((l) => /WARNING connection-reset/.test(l));
    assert.equal(cw.length, 3);
    for (const l of cw) assert.match(l, /still open at capture end/);
    assert.equal(rst.length, 1);
    assert.doesNotMatch(rst[0]!, /still open/);
  });

  test('shows per-side end states from the connections', () => {
    const out = renderTable(leakReport(), { style: plain });
    assert.match(out, /│ CLOSE_WAIT +│ +0 │ +3 │/);
    assert.match(out, /│ FIN_WAIT_2 +│ +3 │ +0 │/);
  });

  test('fits 80 columns except the Wireshark filter lines, which must stay pasteable', () => {
    const out = renderTable(leakReport(), { style: plain, width: 80 });
    for (const line of out.split('\n')) {
      if (line.trimStart().startsWith('filter:') || line.includes('.pcap')) continue;
      assert.ok(line.length <= 80, `too wide (${line.length}): ${line}`);
    }
  });

  test('sums up findings of one id beyond the limit in one line with the longest duration', () => {
    const flows = Array.from({ length: 8 }, (_, i) => flowReport(i + 1, { server: ['10.0.0.2', 8080, 'CLOSE_WAIT'] }));
    const findings = flows.map((f, i) => finding('close-wait-stuck', 'error', f, { duration: 10 + i, censored: i % 2 === 0 }));
    const out = renderTable(report(flows, findings), { style: plain, perIdLimit: 3 });
    assert.equal(out.split('\n').filter((l) => /ERROR +close-wait-stuck/.test(l)).length, 3);
    // The three shown are the longest (17, 16, 15 s); the five others go in the summary line.
    assert.match(out, /… 5 more close-wait-stuck \(longest 14 s, 3 still open at capture end\)/);
  });

  test('writes no escape codes with colours off and some with colours on', () => {
    assert.doesNotMatch(renderTable(leakReport(), { style: plain }), /\u001b\[/);
    assert.match(renderTable(leakReport(), { style: new Chalk({ level: 1 }) }), /\u001b\[31/);
  });

  test('says there is nothing to report when there are no findings', () => {
    const out = renderTable(report([flowReport(1)], []), { style: plain });
    assert.match(out, /Findings: 0 error, 0 warning, 0 info\n  none/);
  });
});
