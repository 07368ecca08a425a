import { parseThresholdOverride, type Thresholds } from '../detect/thresholds.js';
import { ConfigError, UsageError } from '../errors.js';
import type { Severity } from '../model/report.js';
import { findingIds, isFindingId } from '../policy/finding-ids.js';
import type { AllowRule, AllowSelector } from '../policy/policy.js';
import { isSeverity, SEVERITIES } from '../policy/severity.js';
import { parseIpNet } from '../select/ip-net.js';
import { CONFIG_KEYS, type TcpstateConfig } from './config.js';
import { didYouMean } from './did-you-mean.js';
import { parseSocketAddress } from './socket-address.js';

const SELECTORS = ['service', 'endpoint', 'cidr'] as const;
const ALLOW_KEYS = ['finding', ...SELECTORS, 'reason'];

type Fail = (path: string, message: string) => never;

/**
 * Checks a parsed config file and turns it into typed values. Every mistake
 * is a ConfigError naming the file and the key path ("allow[2].reason:
 * required"), because a gate that silently ignores a typo passes builds it
 * should fail.
 */
export function validateConfig(raw: unknown, source: string): TcpstateConfig {
  const fail: Fail = (path, message) => {
    throw new ConfigError(`${source}: ${path}: ${message}`);
  };
  if (!isObject(raw)) throw new ConfigError(`${source}: expected a JSON object with ${CONFIG_KEYS.join(', ')}`);
  for (const key of Object.keys(raw)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      fail(key, `unknown key (expected ${CONFIG_KEYS.join(', ')})${didYouMean(key, CONFIG_KEYS)}`);
    }
  }
  const config: TcpstateConfig = {
    thresholds: raw.thresholds === undefined ? {} : thresholds(raw.thresholds, fail),
    severity: raw.severity === undefined ? {} : severities(raw.severity, fail),
    allow: raw.allow === undefined ? [] : allowList(raw.allow, fail),
  };
  if (raw.failOn !== undefined) config.failOn = severity(raw.failOn, 'failOn', fail);
  return config;
}

function thresholds(raw: unknown, fail: Fail): Partial<Thresholds> {
  if (!isObject(raw)) fail('thresholds', 'expected an object such as { "close-wait": "30s" }');
  const out: Partial<Thresholds> = {};
  const setBy = new Map<keyof Thresholds, string>();
  for (const [name, value] of Object.entries(raw)) {
    const path = `thresholds.${name}`;
    if (typeof value !== 'string' && typeof value !== 'number') fail(path, 'expected a string such as "30s" or a number');
    const spec = `${name}=${String(value)}`;
    let parsed: { key: keyof Thresholds; value: number };
    try {
      parsed = parseThresholdOverride(spec);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      // The same checks as --threshold, reworded to point at the key instead of the flag.
      const prefix = `threshold "${spec}": `;
      fail(path, e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message);
    }
    const earlier = setBy.get(parsed.key);
    if (earlier !== undefined) fail(path, `sets ${parsed.key}, already set by thresholds.${earlier}`);
    setBy.set(parsed.key, name);
    out[parsed.key] = parsed.value as never;
  }
  return out;
}

function severities(raw: unknown, fail: Fail): Record<string, Severity> {
  if (!isObject(raw)) fail('severity', 'expected an object such as { "connection-reset": "info" }');
  const out: Record<string, Severity> = {};
  for (const [id, value] of Object.entries(raw)) {
    const path = `severity.${id}`;
    findingId(id, path, fail);
    out[id] = severity(value, path, fail);
  }
  return out;
}

function allowList(raw: unknown, fail: Fail): AllowRule[] {
  if (!Array.isArray(raw)) fail('allow', 'expected an array of { "finding", "service" | "endpoint" | "cidr", "reason" }');
  return raw.map((entry, i) => allowEntry(entry, `allow[${i}]`, fail));
}

function allowEntry(raw: unknown, path: string, fail: Fail): AllowRule {
  if (!isObject(raw)) fail(path, 'expected an object with finding, one of service/endpoint/cidr, and reason');
  for (const key of Object.keys(raw)) {
    if (!ALLOW_KEYS.includes(key)) fail(`${path}.${key}`, `unknown key (expected ${ALLOW_KEYS.join(', ')})${didYouMean(key, ALLOW_KEYS)}`);
  }
  if (raw.finding === undefined) fail(`${path}.finding`, 'required');
  if (typeof raw.finding !== 'string') fail(`${path}.finding`, 'must be a string');
  findingId(raw.finding, `${path}.finding`, fail);

  const given = SELECTORS.filter((k) => raw[k] !== undefined);
  if (given.length === 0) fail(path, `needs one of ${SELECTORS.join(', ')}`);
  if (given.length > 1) fail(path, `has ${given.join(' and ')}: give exactly one of ${SELECTORS.join(', ')}`);
  const kind = given[0]!;
  const text = raw[kind];
  if (typeof text !== 'string') fail(`${path}.${kind}`, 'must be a string');
  const selector = parseSelector(kind, text, `${path}.${kind}`, fail);

  if (raw.reason === undefined) fail(`${path}.reason`, 'required');
  if (typeof raw.reason !== 'string') fail(`${path}.reason`, 'must be a string');
  // An allow entry nobody can explain is how leaks become "normal".
  if (raw.reason.trim() === '') fail(`${path}.reason`, 'required (say why this finding is acceptable)');
  return { finding: raw.finding, selector, reason: raw.reason.trim() };
}

function parseSelector(kind: (typeof SELECTORS)[number], text: string, path: string, fail: Fail): AllowSelector {
  if (kind === 'cidr') {
    try {
      return { kind, net: parseIpNet(text, 'cidr'), text };
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      return fail(path, e.message.replace(/^cidr /, ''));
    }
  }
  const address = parseSocketAddress(text);
  if (address === null) fail(path, `${JSON.stringify(text)} is not ip:port (e.g. 10.0.0.5:8080 or [2001:db8::1]:443)`);
  return { kind, address, text };
}

function findingId(id: string, path: string, fail: Fail): void {
  if (!isFindingId(id)) fail(path, `unknown finding id "${id}"${didYouMean(id, findingIds()) || ` (known: ${findingIds().join(', ')})`}`);
}

function severity(value: unknown, path: string, fail: Fail): Severity {
  if (!isSeverity(value)) fail(path, `${JSON.stringify(value)} is not a severity (${SEVERITIES.join(', ')})`);
  return value;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
