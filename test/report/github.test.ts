import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeData, escapeProperty, renderGithub } from '../../src/report/github.js';
import { applyPolicy } from '../../src/policy/apply.js';
import { DEFAULT_POLICY, type Policy } from '../../src/policy/policy.js';
import { parseSocketAddress } from '../../src/config/socket-address.js';
import { finding, flowReport, leakReport, report } from '../helpers/report-builder.js';
import type { Report } from '../../src/model/report.js';

function github(policy: Partial<Policy> = {}, r: Report = leakReport()): string[] {
  const { report: adjusted, verdict } = applyPolicy(r, { ...DEFAULT_POLICY, ...policy });
  const out = renderGithub(adjusted, verdict);
  assert.ok(out.endsWith('\n'));
  return out.slice(0, -1).split('\n');
}

describe('GitHub workflow command escaping', () => {
  test('message data escapes %, CR and LF, % first so escapes are not escaped again', () => {
    assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
    assert.equal(escapeData('%0A'), '%250A');
  });
  test('property values also escape : and , which end a value', () => {
    assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
  });
});

describe('renderGithub', () => {
  test('one ::error per failing finding, titled with its id, every message on one physical line', () => {
    const lines = github();
    const errors = lines.filter((l) => l.startsWith('::error '));
    assert.equal(errors.length, 3);
    assert.ok(errors.every((l) => l.startsWith('::error title=close-wait-stuck::')));
    assert.ok(errors[0]!.includes('%0Aflow 2; frames 20, 21; 28 s, cut off by the end of the capture%0AWireshark filter: frame.number in {20 21}'));
  });

  test('findings below the gate keep their severity as ::warning / ::notice; the last line is the verdict', () => {
    const lines = github();
    assert.equal(lines.filter((l) => l.startsWith('::warning title=connection-reset::10.0.0.9:5432: The server reset')).length, 1);
    assert.equal(lines.at(-1), 'tcpstate check: FAIL: 3 findings at or above error (close-wait-stuck ×3); 1 below the gate');
  });

  test('a failing finding is an ::error whatever its severity (--fail-on-finding)', () => {
    const lines = github({ failOnFindings: ['connection-reset'] });
    assert.equal(lines.filter((l) => l.startsWith('::error title=connection-reset::')).length, 1);
  });

  test('an allowed finding is a ::notice carrying the allow entry and its reason', () => {
    const address = parseSocketAddress('10.0.0.2:8080')!;
    const lines = github({ allow: [{ finding: 'close-wait-stuck', selector: { kind: 'service', address, text: '10.0.0.2:8080' }, reason: 'known: leak, 100%' }] });
    const notices = lines.filter((l) => l.startsWith('::notice title=close-wait-stuck (allowed)::'));
    assert.equal(notices.length, 2);
    assert.ok(notices[0]!.includes('::allowed by service 10.0.0.2:8080: known: leak, 100%25%0A'));
    assert.equal(lines.filter((l) => l.startsWith('::error ')).length, 1, 'the IPv6 service is not allowed');
  });

  test('a message with newlines and percent signs cannot end the command early or inject another one', () => {
    const flow = flowReport(1);
    const r = report([flow], [finding('close-wait-stuck', 'error', flow, { message: 'line one\n::error title=fake::x 50%' })]);
    const lines = github({}, r);
    assert.equal(lines.filter((l) => l.startsWith('::error')).length, 1);
    assert.ok(lines[0]!.includes('line one%0A::error title=fake::x 50%25'));
  });

  test('a passing report ends with PASS and has no ::error', () => {
    const flow = flowReport(1);
    const lines = github({}, report([flow], []));
    assert.deepEqual(lines, ['tcpstate check: PASS: no finding at or above error']);
  });
});
