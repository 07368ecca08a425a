import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeFinding } from '../../src/detect/finding.js';
import { aggregateByService } from '../../src/detect/services.js';
import type { Severity } from '../../src/model/report.js';

function finding(id: string, severity: Severity, flowIds: number[]) {
  return makeFinding({ id, severity, message: '', endpoint: { ip: '', port: 0 }, flowIds, since: 0, duration: 0, censored: false, frames: [] });
}

describe('aggregateByService', () => {
  test('counts findings per server ip:port, worst severity first, capture-wide findings left out', () => {
    const flows = [
      { id: 1, server: { ip: '10.0.0.5', port: 80 } },
      { id: 2, server: { ip: '10.0.0.5', port: 80 } },
      { id: 3, server: { ip: '10.0.0.6', port: 443 } },
    ];
    const out = aggregateByService(
      [finding('connection-reset', 'warning', [3]), finding('close-wait-stuck', 'error', [1]), finding('close-wait-stuck', 'error', [2]), finding('capture-quality', 'info', [])],
      flows,
    );
    assert.deepEqual(out, [
      { ip: '10.0.0.5', port: 80, worst: 'error', findings: { 'close-wait-stuck': 2 }, flows: 2 },
      { ip: '10.0.0.6', port: 443, worst: 'warning', findings: { 'connection-reset': 1 }, flows: 1 },
    ]);
  });
});
