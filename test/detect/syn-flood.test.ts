import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SynFloodDetector } from '../../src/detect/syn-flood.js';
import { DEFAULT_THRESHOLDS } from '../../src/detect/thresholds.js';
import { Capture } from '../helpers/flow-builder.js';

/** `n` SYNs from distinct sources to 10.0.0.5:80 spread over one second from `at`; SYN+ACK each; none completes. */
function flood(cap: Capture, n: number, at: number, complete = 0) {
  for (let i = 0; i < n; i++) {
    const f = cap.flow(`192.0.2.${i % 250}:${1024 + i}`, '10.0.0.5:80');
    const t = at + (i / n) * 0.9;
    f.c(t, { f: 'S', c: 'SYN_SENT' });
    f.s(t + 0.0001, { f: 'SA', s: 'SYN_RCVD' });
    if (i < complete) f.c(t + 0.0002, { f: 'A', c: 'ESTABLISHED', s: 'ESTABLISHED' });
  }
}

describe('syn-flood', () => {
  test('150 never-completed SYNs to 10.0.0.5:80 in one second (frames 1, 3, 5, ...): error with the peak rate and sources', () => {
    const d = new SynFloodDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    flood(cap, 150, 10);
    const [x, ...rest] = cap.findings(d);
    assert.equal(rest.length, 0);
    assert.equal(x!.severity, 'error');
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.5', port: 80 });
    assert.equal(x!.details!.peakPerSecond, 150);
    assert.equal(x!.details!.distinctSources, 150);
    assert.equal(x!.frames[0], 1);
    assert.match(x!.message, /SYN cookies/);
    assert.ok(d.isFlooded('10.0.0.5', 80));
  });

  test('150 SYNs/s of which 120 complete: completion 80 % ≥ 50 %, not a flood', () => {
    const d = new SynFloodDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    flood(cap, 150, 10, 120);
    assert.deepEqual(cap.findings(d), []);
  });

  test('80 never-completed SYNs in one second: below 100/s, not a flood', () => {
    const d = new SynFloodDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    flood(cap, 80, 10);
    assert.deepEqual(cap.findings(d), []);
  });

  test('memory is per destination and second: 3000 SYNs leave one destination with 3 seconds of buckets', () => {
    const d = new SynFloodDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    for (let s = 0; s < 3; s++) flood(cap, 1000, 10 + s);
    const [x] = cap.findings(d);
    assert.equal(x!.duration, 3);
    assert.ok(x!.frames.length <= 16);
  });
});
