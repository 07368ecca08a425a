import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDetectors, trackingOrder } from '../../src/detect/registry.js';
import { DEFAULT_THRESHOLDS } from '../../src/detect/thresholds.js';
import { Analysis } from '../../src/model/events.js';
import { Capture } from '../helpers/flow-builder.js';

describe('registry', () => {
  test('one detector per finding id, each id kebab-case and unique', () => {
    const ids = createDetectors(DEFAULT_THRESHOLDS).map((d) => d.id);
    assert.equal(new Set(ids).size, 15);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  test('keep-alives unanswered then RST (frames 4-7): keepalive-dead-peer only, the RST is not a second connection-reset', () => {
    const ds = createDetectors(DEFAULT_THRESHOLDS);
    const cap = new Capture(trackingOrder(ds));
    const f = cap.flow();
    f.handshake(0);
    for (const at of [75, 150, 225]) f.c(at, { f: 'A', an: Analysis.KEEP_ALIVE });
    f.c(300, { f: 'R', c: 'CLOSED', s: 'CLOSED' });
    const ctx = cap.finish();
    const ids = ds.flatMap((d) => d.findings(ctx)).filter((x) => x.severity !== 'info').map((x) => x.id);
    assert.deepEqual(ids, ['keepalive-dead-peer']);
  });

  test('a SYN flood on 10.0.0.5:80 is one syn-flood, not also per-destination half-open findings', () => {
    const ds = createDetectors(DEFAULT_THRESHOLDS);
    const cap = new Capture(trackingOrder(ds));
    for (let i = 0; i < 150; i++) {
      const f = cap.flow(`192.0.2.${i}:${1024 + i}`, '10.0.0.5:80');
      f.c(10 + i * 0.005, { f: 'S', c: 'SYN_SENT' });
      f.s(10 + i * 0.005 + 0.0001, { f: 'SA', s: 'SYN_RCVD' });
      for (const r of [1, 3, 7]) f.s(10 + i * 0.005 + r, { f: 'SA', an: Analysis.RETRANSMISSION });
    }
    const ctx = cap.finish();
    const ids = ds.flatMap((d) => d.findings(ctx)).filter((x) => x.severity !== 'info').map((x) => x.id);
    assert.deepEqual(ids, ['syn-flood']);
  });
});
