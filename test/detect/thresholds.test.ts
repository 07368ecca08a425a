import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_THRESHOLDS, applyThresholds, parseThresholdOverride } from '../../src/detect/thresholds.js';
import { UsageError } from '../../src/errors.js';

describe('thresholds', () => {
  test('overrides convert units: 30s, 2min, 200/s, 6000/min, 15%, 500/min, 0.2', () => {
    assert.deepEqual(parseThresholdOverride('close-wait=30s'), { key: 'closeWaitSeconds', value: 30 });
    assert.deepEqual(parseThresholdOverride('fin-wait-2=2min'), { key: 'finWait2Seconds', value: 120 });
    assert.deepEqual(parseThresholdOverride('syn-flood-rate=200/s'), { key: 'synFloodRatePerSecond', value: 200 });
    assert.deepEqual(parseThresholdOverride('syn-flood-rate=6000/min'), { key: 'synFloodRatePerSecond', value: 100 });
    assert.deepEqual(parseThresholdOverride('retransmission-storm=15%'), { key: 'retransmissionStormRatio', value: 0.15 });
    assert.deepEqual(parseThresholdOverride('time-wait-pileup=500/min'), { key: 'timeWaitPileupPerMinute', value: 500 });
    assert.deepEqual(parseThresholdOverride('zero-window=500ms'), { key: 'zeroWindowSeconds', value: 0.5 });
    assert.deepEqual(parseThresholdOverride('close-wait-stuck=7'), { key: 'closeWaitSeconds', value: 7 });
  });

  test('bad specs throw UsageError naming the bad part', () => {
    assert.throws(() => parseThresholdOverride('close-wait'), (e: unknown) => e instanceof UsageError && /name=value/.test(e.message));
    assert.throws(() => parseThresholdOverride('nope=3'), (e: unknown) => e instanceof UsageError && /unknown name "nope"/.test(e.message));
    assert.throws(() => parseThresholdOverride('close-wait=30x'), (e: unknown) => e instanceof UsageError && /unit "x"/.test(e.message));
    assert.throws(() => parseThresholdOverride('close-wait=abc'), (e: unknown) => e instanceof UsageError && /"abc" is not a number/.test(e.message));
    assert.throws(() => parseThresholdOverride('retransmission-storm=15'), UsageError);
    assert.throws(() => parseThresholdOverride('keepalive-probes=2.5'), UsageError);
  });

  test('applyThresholds overrides only what is given and rejects unknown keys', () => {
    const t = applyThresholds(DEFAULT_THRESHOLDS, { closeWaitSeconds: 30 });
    assert.equal(t.closeWaitSeconds, 30);
    assert.equal(t.finWait2Seconds, DEFAULT_THRESHOLDS.finWait2Seconds);
    assert.equal(DEFAULT_THRESHOLDS.closeWaitSeconds, 5);
    assert.throws(() => applyThresholds(DEFAULT_THRESHOLDS, { bogus: 1 } as never), UsageError);
    assert.throws(() => applyThresholds(DEFAULT_THRESHOLDS, { closeWaitSeconds: -1 }), UsageError);
  });
});
