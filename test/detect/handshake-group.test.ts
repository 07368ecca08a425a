import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_ATTEMPTS_KEPT, groupByDestination, groupFinding, type Attempt } from '../../src/detect/handshake-group.js';
import type { Flow } from '../../src/model/flow.js';

function attempt(i: number): Attempt {
  const flow = {
    id: i + 1,
    client: { ip: `10.0.${(i >> 8) & 255}.${i & 255}`, port: 1024 + (i % 60000), syns: 2 },
    server: { ip: '192.0.2.1', port: 80 },
  } as unknown as Flow;
  return { flow, destClient: false, start: 100 + i, end: 200 + i, censored: false, frames: [50000 - i, 60000 + i], retransmissions: i % 5 };
}

describe('handshake groups', () => {
  test('below the cap every attempt is listed', () => {
    const [g] = groupByDestination([attempt(0), attempt(1), attempt(2)]);
    const f = groupFinding('connection-refused', 'warning', g!, 'm', { attempts: g!.count });
    assert.deepEqual(f.flowIds, [1, 2, 3]);
    assert.equal(f.details?.flowIdsOmitted, undefined);
    assert.equal(g!.sources, 3);
    assert.equal(g!.clientSyns, 6);
  });

  test(`beyond ${MAX_ATTEMPTS_KEPT} attempts only counts are kept, and the finding says how many flows it left out`, () => {
    const all = Array.from({ length: MAX_ATTEMPTS_KEPT + 5 }, (_, i) => attempt(i));
    const [g] = groupByDestination(all);
    assert.equal(g!.count, MAX_ATTEMPTS_KEPT + 5);
    assert.equal(g!.attempts.length, MAX_ATTEMPTS_KEPT);
    assert.equal(g!.worstRetransmissions, 4);
    assert.equal(g!.since, 100);
    assert.equal(g!.end, 200 + MAX_ATTEMPTS_KEPT + 4);
    const f = groupFinding('syn-unanswered', 'warning', g!, 'm', { attempts: g!.count });
    assert.equal(f.flowIds.length, MAX_ATTEMPTS_KEPT);
    assert.equal(f.details?.flowIdsOmitted, 5);
    // The evidence is still the earliest frames of all attempts, left-out ones included.
    const earliest = [...new Set(all.flatMap((a) => a.frames))].sort((a, b) => a - b).slice(0, f.frames.length);
    assert.deepEqual(f.frames, earliest);
  });
});
