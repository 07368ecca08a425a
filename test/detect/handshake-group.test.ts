import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DestinationGroups, MAX_ATTEMPTS_KEPT, groupByDestination, groupFinding, type Attempt } from '../../src/detect/handshake-group.js';
import { seededRandom } from '../helpers/seeded-random.js';

const dest = { ip: '192.0.2.1', port: 80 };

function attempt(i: number): Attempt & { dest: typeof dest } {
  return {
    dest,
    flowId: i + 1,
    firstFrame: 10 * i + 1,
    srcIp: `10.0.${(i >> 8) & 255}.${i & 255}`,
    start: 100 + i,
    end: 200 + i,
    censored: false,
    frames: [50000 - i, 60000 + i],
    retransmissions: i % 5,
    clientSyns: 2,
  };
}

/** A deterministic shuffle (no Math.random in tests). */
function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  const rand = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
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
    assert.equal(g!.kept.length, MAX_ATTEMPTS_KEPT);
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

  test('the attempts kept are the earliest by first frame, whatever order they ended in', () => {
    const all = Array.from({ length: MAX_ATTEMPTS_KEPT + 300 }, (_, i) => attempt(i));
    const [inOrder] = groupByDestination(all);
    const [mixed] = groupByDestination(shuffled(all, 3));
    assert.deepEqual(mixed, inOrder);
    assert.deepEqual(
      mixed!.kept.map((a) => a.flowId),
      Array.from({ length: MAX_ATTEMPTS_KEPT }, (_, i) => i + 1),
    );
  });

  test('shards merged with absorb() hold what one group fed every attempt holds (--jobs)', () => {
    const all = shuffled(
      Array.from({ length: MAX_ATTEMPTS_KEPT + 700 }, (_, i) => ({ ...attempt(i), censored: i === 17, end: i === 17 ? 200 + MAX_ATTEMPTS_KEPT + 699 : 200 + i })),
      9,
    );
    const one = new DestinationGroups();
    const shards = [new DestinationGroups(), new DestinationGroups(), new DestinationGroups()];
    all.forEach((a, i) => {
      one.add(a.dest.ip, a.dest.port, a);
      shards[i % 3]!.add(a.dest.ip, a.dest.port, a);
    });
    const merged = new DestinationGroups();
    for (const s of shards) merged.absorb(s.states((id) => id));
    assert.deepEqual(merged.groups(), one.groups());
    assert.equal(merged.groups()[0]!.censored, true, 'the latest end ties: a censored attempt makes the group censored');
  });
});
