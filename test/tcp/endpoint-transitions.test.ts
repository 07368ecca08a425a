import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EndpointColumns, TR_INLINE } from '../../src/tcp/endpoint-columns.js';
import { TrackedEndpoint, setState } from '../../src/tcp/endpoint.js';
import { TcpState } from '../../src/model/tcp-state.js';

const S = TcpState;

/** What lastTransitionTo must agree with: the last entry of the full list that enters `to`. */
function lastByList(ep: TrackedEndpoint, to: TcpState): unknown {
  return ep.transitions.filter((t) => t.to === to).at(-1);
}

describe('TrackedEndpoint.lastTransitionTo', () => {
  test('finds the last change into each state, in the inline transitions and past them', () => {
    const cols = new EndpointColumns();
    // A neighbour slot with its own transitions: a read must not stray into it.
    const other = new TrackedEndpoint(cols, '10.0.0.9', 9);
    setState(other, S.CLOSE_WAIT, 1, 1);
    const ep = new TrackedEndpoint(cols, '10.0.0.1', 1);
    const path = [S.SYN_SENT, S.ESTABLISHED, S.FIN_WAIT_1, S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2, S.TIME_WAIT, S.CLOSED, S.SYN_SENT];
    assert.ok(path.length > TR_INLINE, 'the list goes past the inline transitions');
    path.forEach((to, i) => {
      setState(ep, to, 100 + i / 1000, 10 + i);
      for (const s of [S.SYN_SENT, S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2, S.TIME_WAIT, S.CLOSED, S.CLOSE_WAIT]) {
        assert.deepEqual(ep.lastTransitionTo(s), lastByList(ep, s), `after ${i + 1} changes, into state ${s}`);
      }
    });
    assert.deepEqual(ep.lastTransitionTo(S.FIN_WAIT_1), { from: S.ESTABLISHED, to: S.FIN_WAIT_1, ts: 100.004, frame: 14 });
    assert.equal(ep.lastTransitionTo(S.CLOSE_WAIT), undefined);
  });
});
