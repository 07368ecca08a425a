import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderJunit, xmlAttr, xmlText } from '../../src/report/junit.js';
import { applyPolicy } from '../../src/policy/apply.js';
import { DEFAULT_POLICY, type Policy } from '../../src/policy/policy.js';
import { findingIds } from '../../src/policy/finding-ids.js';
import { parseIpNet } from '../../src/select/ip-net.js';
import { capture, finding, flowReport, leakReport, report, T0 } from '../helpers/report-builder.js';
import { findAll, parseXml, type XmlElement } from './junit-xml.js';

function junit(policy: Partial<Policy> = {}, r = leakReport()): XmlElement {
  const { report: adjusted, verdict } = applyPolicy(r, { ...DEFAULT_POLICY, ...policy });
  return parseXml(renderJunit(adjusted, verdict));
}

function testcase(suite: XmlElement, name: string): XmlElement {
  const tc = findAll(suite, 'testcase').find((t) => t.attrs.name === name);
  assert.ok(tc, `no testcase ${name}`);
  return tc;
}

describe('the XML well-formedness check used by these tests', () => {
  for (const bad of [
    '<a><b></a></b>',
    '<a x="1" x="2"/>',
    '<a>1 < 2</a>',
    '<a>fish & chips</a>',
    '<a x=1/>',
    '<a/><b/>',
    '<a>&nbsp;</a>',
    '<a>\u0001</a>',
  ]) {
    test(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => parseXml(bad), /not well-formed/));
  }
  test('accepts and decodes entities and character references', () => {
    assert.equal(parseXml('<?xml version="1.0"?>\n<a t="&quot;&#10;">&lt;&amp;&#x41;</a>').text, '<&A');
  });
});

describe('renderJunit', () => {
  test('one testsuite per capture and one testcase per finding kind in the registry, passing kinds included', () => {
    const root = junit();
    assert.equal(root.name, 'testsuites');
    const suites = findAll(root, 'testsuite');
    assert.equal(suites.length, 1);
    assert.equal(suites[0]!.attrs.name, 'fixtures/demo/example.pcap');
    assert.deepEqual(findAll(suites[0]!, 'testcase').map((t) => t.attrs.name), [...findingIds()]);
    assert.equal(suites[0]!.attrs.tests, String(findingIds().length));
    assert.equal(testcase(suites[0]!, 'syn-flood').children.length, 0, 'a kind that did not fire passes');
  });

  test('a failure per kind with findings at or above the failing level, carrying every message, frames and filter, escaped', () => {
    const suite = findAll(junit(), 'testsuite')[0]!;
    assert.equal(suite.attrs.failures, '1');
    const failure = findAll(testcase(suite, 'close-wait-stuck'), 'failure');
    assert.equal(failure.length, 1);
    assert.match(failure[0]!.attrs.message!, /^3 findings at or above error: /);
    // The leak report's third message holds markup and an ampersand: it must come back intact.
    assert.ok(failure[0]!.text.includes('Socket left in CLOSE_WAIT <script>alert("x")</script> & more | pipes'));
    assert.ok(failure[0]!.text.includes('frames 20, 21'));
    assert.ok(failure[0]!.text.includes('Wireshark filter: frame.number in {20 21}'));
    // connection-reset is a warning: below the default gate, so it passes and says why in system-out.
    const reset = testcase(suite, 'connection-reset');
    assert.equal(findAll(reset, 'failure').length, 0);
    assert.match(findAll(reset, 'system-out')[0]!.text, /^below the gate:\n\[warning\] 10\.0\.0\.9:5432: The server reset/);
  });

  test('--fail-on warning turns the warning kind into a failure too', () => {
    const suite = findAll(junit({ failOn: 'warning' }), 'testsuite')[0]!;
    assert.equal(suite.attrs.failures, '2');
    assert.equal(findAll(testcase(suite, 'connection-reset'), 'failure').length, 1);
  });

  test('a kind whose gated findings are all allowed is skipped with the reasons', () => {
    const allow = [
      { finding: 'close-wait-stuck', selector: { kind: 'cidr' as const, net: parseIpNet('10.0.0.0/8'), text: '10.0.0.0/8' }, reason: 'known leak, JIRA-123' },
      { finding: 'close-wait-stuck', selector: { kind: 'cidr' as const, net: parseIpNet('2001:db8::/32'), text: '2001:db8::/32' }, reason: 'lab v6 <net>' },
    ];
    const suite = findAll(junit({ allow }), 'testsuite')[0]!;
    const tc = testcase(suite, 'close-wait-stuck');
    assert.equal(findAll(tc, 'failure').length, 0);
    assert.equal(findAll(tc, 'skipped')[0]!.attrs.message, 'allowed: known leak, JIRA-123; lab v6 <net>');
    assert.equal(suite.attrs.failures, '0');
    assert.equal(suite.attrs.skipped, '1');
  });

  test('with several captures, each finding is filed under the file whose time span holds its start', () => {
    const flows = [flowReport(1, { firstTs: T0 + 1 }), flowReport(2, { firstTs: T0 + 101 })];
    const r = report(flows, [finding('close-wait-stuck', 'error', flows[1]!)], [
      capture({ path: 'a.pcap', firstTs: T0, lastTs: T0 + 50 }),
      capture({ path: 'b.pcap', firstTs: T0 + 100, lastTs: T0 + 150 }),
    ]);
    const suites = findAll(junit({}, r), 'testsuite');
    assert.deepEqual(suites.map((s) => [s.attrs.name, s.attrs.failures]), [['a.pcap', '0'], ['b.pcap', '1']]);
    assert.equal(junit({}, r).attrs.failures, '1', 'the root counts every suite\'s failures');
  });

  test('writes no time, host or other run-dependent attribute', () => {
    const { report: r, verdict } = applyPolicy(leakReport(), DEFAULT_POLICY);
    const xml = renderJunit(r, verdict);
    assert.doesNotMatch(xml, /\b(timestamp|hostname|time)=/);
    assert.equal(xml, renderJunit(r, verdict));
  });
});

describe('XML escaping', () => {
  test('text escapes markup and keeps a CR as a character reference', () => {
    assert.equal(xmlText('a<b>&c\r\n'), 'a&lt;b&gt;&amp;c&#13;\n');
  });
  test('attributes also escape quotes, newlines and tabs, which parsers would turn into spaces', () => {
    assert.equal(xmlAttr(`"it's"\n\t`), '&quot;it&apos;s&quot;&#10;&#9;');
  });
  test('characters XML cannot carry at all become U+FFFD instead of breaking the document', () => {
    assert.equal(xmlText('a\u0000b\u001bc\ud800'), 'a\ufffdb\ufffdc\ufffd');
    assert.equal(parseXml(`<a>${xmlText('x\u0007y')}</a>`).text, 'x\ufffdy');
  });
});
