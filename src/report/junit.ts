import type { CaptureSummary } from '../model/capture.js';
import type { AllowedFinding, CheckVerdict } from '../model/check.js';
import type { Finding, Report } from '../model/report.js';
import { evidenceText, gateText, plural, whoText } from './check-summary.js';
import { formatTimestamp } from './format-units.js';

/**
 * `check --format junit`: one <testsuite> per capture file, one <testcase>
 * per finding kind (every kind the gate checked, so passing kinds show as
 * passed), a <failure> for a kind with failing findings, <skipped> for one
 * whose gated findings were all allowed. Nothing time- or host-dependent is
 * written (no timestamp, hostname or duration attributes): the same capture
 * gives the same bytes.
 */
export function renderJunit(report: Report, verdict: CheckVerdict): string {
  const kinds = [...verdict.kinds, ...extraKinds(report, verdict)];
  const suiteOf = suiteIndex(report.captures);
  const failing = new Set(verdict.failing);
  const allowedBy = new Map<Finding, AllowedFinding>(verdict.allowed.map((a) => [a.finding, a]));

  const suites = report.captures.map((capture, i) => {
    const mine = report.findings.filter((f) => suiteOf(f) === i);
    let failures = 0;
    let skipped = 0;
    const cases = kinds.map((kind) => {
      const ofKind = mine.filter((f) => f.id === kind);
      const fail = ofKind.filter((f) => failing.has(f));
      const allowed = ofKind.flatMap((f) => allowedBy.get(f) ?? []);
      const other = ofKind.filter((f) => !failing.has(f) && !allowedBy.has(f));
      const inner: string[] = [];
      if (fail.length > 0) {
        failures++;
        const summary = `${plural(fail.length, 'finding')} at or above ${gateText(verdict)}: ${fail[0]!.message}`;
        inner.push(`      <failure type="${attr(kind)}" message="${attr(summary)}">${text(fail.map(describe).join('\n\n'))}</failure>`);
      } else if (allowed.length > 0) {
        skipped++;
        const reasons = [...new Set(allowed.map((a) => a.reason))].join('; ');
        inner.push(`      <skipped message="${attr(`allowed: ${reasons}`)}"/>`);
      }
      const out = [
        ...(fail.length > 0 ? allowed : []).map((a) => `allowed by ${a.rule}: ${a.reason}\n${describe(a.finding)}`),
        ...other.map((f) => `below the gate:\n${describe(f)}`),
      ];
      if (out.length > 0) inner.push(`      <system-out>${text(out.join('\n\n'))}</system-out>`);
      const open = `    <testcase classname="tcpstate" name="${attr(kind)}"`;
      return inner.length === 0 ? `${open}/>` : `${open}>\n${inner.join('\n')}\n    </testcase>`;
    });
    return {
      failures,
      skipped,
      xml: [
        `  <testsuite name="${attr(capture.path === '-' ? 'stdin' : capture.path)}" tests="${kinds.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
        '    <properties>',
        `      <property name="failOn" value="${attr(verdict.failOn)}"/>`,
        ...verdict.failOnFindings.map((id) => `      <property name="failOnFinding" value="${attr(id)}"/>`),
        `      <property name="packets" value="${capture.packets}"/>`,
        '    </properties>',
        ...cases,
        '  </testsuite>',
      ].join('\n'),
    };
  });

  const sum = (k: 'failures' | 'skipped'): number => suites.reduce((n, s) => n + s[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tcpstate check" tests="${kinds.length * suites.length}" failures="${sum('failures')}" errors="0" skipped="${sum('skipped')}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

/** Ids in the report that the registry did not list: shown rather than dropped. */
function extraKinds(report: Report, verdict: CheckVerdict): string[] {
  const known = new Set(verdict.kinds);
  return [...new Set(report.findings.map((f) => f.id).filter((id) => !known.has(id)))].sort();
}

/**
 * Several files are analysed as one merged capture, so a finding is filed
 * under the first file whose time span holds its start (rotated captures
 * never overlap), or under the first file when none does.
 */
function suiteIndex(captures: readonly CaptureSummary[]): (f: Finding) => number {
  return (f) => {
    const i = captures.findIndex((c) => c.firstTs !== null && c.lastTs !== null && f.since >= c.firstTs && f.since <= c.lastTs);
    return i < 0 ? 0 : i;
  };
}

function describe(f: Finding): string {
  const lines = [`[${f.severity}] ${whoText(f)}: ${f.message}`];
  // Capture-wide findings have no start (since 0).
  if (f.since > 0) lines.push(`since ${formatTimestamp(f.since)}`);
  const evidence = evidenceText(f);
  if (evidence !== '') lines.push(evidence);
  if (f.wiresharkFilter !== '') lines.push(`Wireshark filter: ${f.wiresharkFilter}`);
  return lines.join('\n');
}

/** Characters XML 1.0 forbids anywhere, even escaped (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(s: string): string {
  // A raw CR would reach the reader as LF (XML end-of-line handling).
  return s.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values also escape quotes, and newlines/tabs, which parsers would otherwise normalise to spaces. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

const attr = xmlAttr;
const text = xmlText;
