import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, parseConfigText } from '../../src/config/load.js';
import { validateConfig } from '../../src/config/validate.js';
import { parseSocketAddress } from '../../src/config/socket-address.js';
import { ConfigError, UsageError } from '../../src/errors.js';

/** The message validateConfig throws for this config, as "tcpstate: " + it reaches stderr. */
function problem(raw: unknown): string {
  try {
    validateConfig(raw, 'config.json');
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    assert.ok(e instanceof UsageError, 'a ConfigError is a usage error (exit 2)');
    return e.message;
  }
  return assert.fail('the config was accepted');
}

const entry = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ finding: 'close-wait-stuck', service: '10.0.0.5:8080', reason: 'known leak, JIRA-123', ...over });

describe('a valid config', () => {
  test('parses thresholds with --threshold syntax, severities, failOn and allow entries of every kind', () => {
    const c = validateConfig(
      {
        thresholds: { 'close-wait': '30s', 'syn-flood-rate': '200/s', 'retransmission-storm': '15%', 'keepalive-probes': 5 },
        severity: { 'connection-reset': 'info' },
        failOn: 'warning',
        allow: [entry(), entry({ service: undefined, endpoint: '[2001:db8::7]:51000' }), entry({ service: undefined, cidr: '10.0.0.0/24', reason: '  lab  ' })],
      },
      'config.json',
    );
    assert.deepEqual(c.thresholds, { closeWaitSeconds: 30, synFloodRatePerSecond: 200, retransmissionStormRatio: 0.15, keepaliveProbes: 5 });
    assert.deepEqual(c.severity, { 'connection-reset': 'info' });
    assert.equal(c.failOn, 'warning');
    assert.deepEqual(c.allow.map((a) => [a.finding, a.selector.kind, a.selector.text, a.reason]), [
      ['close-wait-stuck', 'service', '10.0.0.5:8080', 'known leak, JIRA-123'],
      ['close-wait-stuck', 'endpoint', '[2001:db8::7]:51000', 'known leak, JIRA-123'],
      ['close-wait-stuck', 'cidr', '10.0.0.0/24', 'lab'],
    ]);
  });
  test('an empty object is the default policy', () => {
    assert.deepEqual(validateConfig({}, 'c.json'), { thresholds: {}, severity: {}, allow: [] });
  });
});

describe('config validation errors name the file and the key path', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', [], 'config.json: expected a JSON object with thresholds, severity, failOn, allow'],
    ['unknown top-level key (a typo)', { thresold: {} }, 'config.json: thresold: unknown key (expected thresholds, severity, failOn, allow) (did you mean "thresholds"?)'],
    ['thresholds not an object', { thresholds: ['close-wait=3s'] }, 'config.json: thresholds: expected an object such as { "close-wait": "30s" }'],
    ['bad threshold value', { thresholds: { 'close-wait': 'soon' } }, 'config.json: thresholds.close-wait: value "soon" is not a number'],
    ['bad threshold unit', { thresholds: { 'close-wait': '30 parsecs' } }, 'config.json: thresholds.close-wait: unit "parsecs" does not fit closeWaitSeconds (use s, ms, min or h)'],
    ['negative threshold', { thresholds: { 'half-open': 0 } }, 'config.json: thresholds.half-open: halfOpenRetransmissions must be a positive number'],
    ['threshold of the wrong type', { thresholds: { 'close-wait': true } }, 'config.json: thresholds.close-wait: expected a string such as "30s" or a number'],
    ['one threshold set twice under two names', { thresholds: { 'close-wait': '3s', 'close-wait-stuck': '4s' } }, 'config.json: thresholds.close-wait-stuck: sets closeWaitSeconds, already set by thresholds.close-wait'],
    ['bad severity', { severity: { 'connection-reset': 'fatal' } }, 'config.json: severity.connection-reset: "fatal" is not a severity (error, warning, info)'],
    ['unknown finding id in severity', { severity: { 'conection-reset': 'info' } }, 'config.json: severity.conection-reset: unknown finding id "conection-reset" (did you mean "connection-reset"?)'],
    ['bad failOn', { failOn: 'errors' }, 'config.json: failOn: "errors" is not a severity (error, warning, info)'],
    ['allow not an array', { allow: entry() }, 'config.json: allow: expected an array of { "finding", "service" | "endpoint" | "cidr", "reason" }'],
    ['allow entry without reason', { allow: [entry(), entry(), entry({ reason: undefined })] }, 'config.json: allow[2].reason: required'],
    ['allow entry with a blank reason', { allow: [entry({ reason: '   ' })] }, 'config.json: allow[0].reason: required (say why this finding is acceptable)'],
    ['allow entry with a reason that is not text', { allow: [entry({ reason: 123 })] }, 'config.json: allow[0].reason: must be a string'],
    ['allow entry with two selectors', { allow: [entry({ cidr: '10.0.0.0/24' })] }, 'config.json: allow[0]: has service and cidr: give exactly one of service, endpoint, cidr'],
    ['allow entry with no selector', { allow: [entry({ service: undefined })] }, 'config.json: allow[0]: needs one of service, endpoint, cidr'],
    ['allow entry without finding', { allow: [entry({ finding: undefined })] }, 'config.json: allow[0].finding: required'],
    ['unknown finding id in allow', { allow: [entry({ finding: 'close-wait' })] }, 'config.json: allow[0].finding: unknown finding id "close-wait" (did you mean "close-wait-stuck"?)'],
    ['unknown key in an allow entry', { allow: [entry({ reasons: 'x' })] }, 'config.json: allow[0].reasons: unknown key (expected finding, service, endpoint, cidr, reason) (did you mean "reason"?)'],
    ['bad CIDR prefix', { allow: [entry({ service: undefined, cidr: '10.0.0.0/33' })] }, 'config.json: allow[0].cidr: "10.0.0.0/33": prefix length must be 0 to 32'],
    ['bad CIDR address', { allow: [entry({ service: undefined, cidr: '10.0.0/24' })] }, 'config.json: allow[0].cidr: "10.0.0/24": not an IPv4 or IPv6 address'],
    ['bad IPv6 CIDR prefix', { allow: [entry({ service: undefined, cidr: '2001:db8::/129' })] }, 'config.json: allow[0].cidr: "2001:db8::/129": prefix length must be 0 to 128'],
    ['service without a port', { allow: [entry({ service: '10.0.0.5' })] }, 'config.json: allow[0].service: "10.0.0.5" is not ip:port (e.g. 10.0.0.5:8080 or [2001:db8::1]:443)'],
    ['IPv6 endpoint without brackets', { allow: [entry({ service: undefined, endpoint: '2001:db8::1:443' })] }, 'config.json: allow[0].endpoint: "2001:db8::1:443" is not ip:port (e.g. 10.0.0.5:8080 or [2001:db8::1]:443)'],
    ['selector that is not text', { allow: [entry({ service: 8080 })] }, 'config.json: allow[0].service: must be a string'],
  ];
  for (const [what, raw, message] of cases) test(what, () => assert.equal(problem(raw), message));
});

describe('reading the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tcpstate-config-'));
  test('invalid JSON says where, as line and column', () => {
    assert.throws(() => parseConfigText('{\n  "failOn": "error",\n}', 'c.json'), (e: unknown) => e instanceof ConfigError && e.message === 'c.json: not valid JSON: Expected double-quoted property name (line 3, column 1)');
  });
  test('a missing file is a ConfigError naming it', async () => {
    await assert.rejects(loadConfig(join(dir, 'nope.json')), (e: unknown) => e instanceof ConfigError && e.message.endsWith('nope.json: cannot read: ENOENT'));
  });
  test('a UTF-8 byte order mark is ignored', async () => {
    const p = join(dir, 'bom.json');
    writeFileSync(p, '\uFEFF{ "failOn": "info" }');
    assert.equal((await loadConfig(p)).failOn, 'info');
  });
  test('the sample config in fixtures/config is valid', async () => {
    const c = await loadConfig('fixtures/config/ci-example.json');
    assert.equal(c.allow.length, 3);
  });
});

describe('ip:port selectors', () => {
  test('IPv4, bracketed IPv6 and IPv4-mapped IPv6 parse; malformed ones do not', () => {
    assert.deepEqual(parseSocketAddress('10.0.0.5:8080'), { version: 4, words: new Uint32Array([0x0a000005, 0, 0, 0]), port: 8080 });
    assert.equal(parseSocketAddress('[::1]:443')?.version, 6);
    assert.equal(parseSocketAddress('[::ffff:10.0.0.5]:80')?.port, 80);
    for (const bad of ['10.0.0.5:65536', '10.0.0.5:', ':80', '[10.0.0.5]:80', '::1:443', 'host:80', '10.0.0.256:80']) {
      assert.equal(parseSocketAddress(bad), null, bad);
    }
  });
});

describe('unknown finding ids without a close match', () => {
  test('list the known ids instead of guessing', () => {
    assert.match(problem({ severity: { banana: 'info' } }), /^config\.json: severity\.banana: unknown finding id "banana" \(known: close-wait-stuck, .*capture-quality\)$/);
  });
});
