import { TcpFlag } from '../model/decoded.js';
import { Interest, keepFlow, stateBit, type SegmentEvent } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import type { Finding, OmittedFindings } from '../model/report.js';
import { TcpState } from '../model/tcp-state.js';
import type { Detector, FindingContext } from './detector.js';
import { INFO_MIN_SECONDS, reachedByFlow } from './episode.js';
import { MAX_EVIDENCE_FRAMES, byStart, makeFinding, ref, serviceOf } from './finding.js';
import type { FindingCap } from './finding-cap.js';
import { FlowMap } from './flow-map.js';
import { PendingFindings } from './pending-findings.js';
import { peerOf, sideOf } from './side.js';
import { duration, hostPort, plural } from './text.js';
import type { Thresholds } from './thresholds.js';
import { QuietNotes, type Notes } from './last-ack-notes.js';

const LAST_ACK = TcpState.LAST_ACK;
const LAST_ACK_BIT = stateBit(LAST_ACK);

/** A close that may make a finding: whether the closer was still in LAST_ACK when its flow ended, and whether the capture's end ended it. */
interface Ended {
  n: Notes;
  stillWaiting: boolean;
  atEnd: boolean;
}

/** Appends to laterFrames within the evidence bound, finFrame counted. */
function addLaterFrame(later: number[], frame: number): void {
  if (later.length < MAX_EVIDENCE_FRAMES - 1) later.push(frame);
}

/** The frames addFrame would have kept, in order: the FIN, then its retransmissions and the final ACK. */
function evidence(n: Notes): number[] {
  if (n.laterFrames === null) return n.finalAckFrame > 0 ? [n.finFrame, n.finalAckFrame] : [n.finFrame];
  return [n.finFrame, ...n.laterFrames];
}

/**
 * last-ack-stuck: the passive closer (CLOSE_WAIT → LAST_ACK) retransmits its
 * FIN ≥ lastAckRetransmissions times: the final ACK did not reach it. FINs
 * resent after the final ACK was captured count too: the ACK was lost between
 * the capture point and the closer.
 */
export class LastAckStuckDetector implements Detector {
  readonly id = 'last-ack-stuck';
  readonly marksKept = true;
  readonly interest = Interest.FIN;
  readonly states = LAST_ACK_BIT;
  readonly enters = LAST_ACK_BIT;
  private readonly notes = new FlowMap<Notes>();
  /** Closes acknowledged before any FIN retransmission: most of them, kept compact. */
  private readonly quiet = new QuietNotes();
  private readonly done: PendingFindings<Ended>;

  constructor(
    private readonly t: Thresholds,
    cap?: FindingCap,
  ) {
    this.done = new PendingFindings((e, lastTs) => this.finding(e, lastTs), cap);
  }

  segment(ev: SegmentEvent): void {
    const cb = ev.clientBefore;
    const sb = ev.serverBefore;
    const fin = (ev.flags & TcpFlag.FIN) !== 0;
    // update() only acts on a FIN or on a segment that finds a side in LAST_ACK: skip the lookup otherwise.
    const mayUpdate = fin || cb === LAST_ACK || sb === LAST_ACK;
    const clientEnters = ev.clientAfter === LAST_ACK && cb !== LAST_ACK;
    const entering = clientEnters || (ev.serverAfter === LAST_ACK && sb !== LAST_ACK);
    let n = mayUpdate && this.notes.size > 0 ? this.notes.get(ev.flow) : undefined;
    let quiet = false;
    if (n !== undefined) this.update(n, ev);
    // Quiet notes matter to a FIN on a flow whose closer was in LAST_ACK, or when a side enters it: most FINs need no lookup.
    else if (mayUpdate && this.quiet.size > 0 && (entering || (fin && (reachedByFlow(ev.flow) & LAST_ACK_BIT) !== 0))) {
      const slot = this.quiet.slotOf(ev.flow);
      if (slot !== undefined) {
        // Only a FIN retransmission by the closer changes quiet notes: they become notes again.
        if (ev.fromClient === this.quiet.closerIsClient(slot) && ev.flags & TcpFlag.FIN && ev.frame !== this.quiet.finFrameAt(slot)) {
          n = this.quiet.take(ev.flow, slot);
          this.notes.set(ev.flow, n);
          this.update(n, ev);
        } else quiet = true;
      }
    }
    if (!entering) return;
    if (!mayUpdate && this.notes.size > 0) n = this.notes.get(ev.flow);
    if (!mayUpdate && n === undefined && this.quiet.size > 0) quiet = this.quiet.has(ev.flow);
    if (n === undefined && !quiet) this.start(ev, clientEnters);
  }

  private start(ev: SegmentEvent, client: boolean): void {
    this.notes.set(ev.flow, {
      flow: ev.flow,
      client,
      finFrame: ev.frame,
      finTs: ev.ts,
      retransmissions: 0,
      lastRetransmissionTs: ev.ts,
      laterFrames: null,
      finalAckFrame: 0,
      ackSeenBeforeRetransmission: false,
    });
  }

  private update(n: Notes, ev: SegmentEvent): void {
    if (ev.fromClient === n.client) {
      if (ev.flags & TcpFlag.FIN && ev.frame !== n.finFrame) {
        n.retransmissions++;
        n.lastRetransmissionTs = ev.ts;
        if (n.finalAckFrame > 0) n.ackSeenBeforeRetransmission = true;
        if (n.laterFrames === null) n.laterFrames = n.finalAckFrame > 0 ? [n.finalAckFrame] : [];
        addLaterFrame(n.laterFrames, ev.frame);
      }
    } else if (n.finalAckFrame === 0) {
      const before = n.client ? ev.clientBefore : ev.serverBefore;
      const after = n.client ? ev.clientAfter : ev.serverAfter;
      if (before === LAST_ACK && after === TcpState.CLOSED && (ev.flags & TcpFlag.RST) === 0) {
        n.finalAckFrame = ev.frame;
        if (n.laterFrames !== null) addLaterFrame(n.laterFrames, ev.frame);
        else {
          this.notes.delete(n.flow);
          this.quiet.park(n);
        }
      }
    }
  }

  /**
   * Quiet notes wait for a FIN retransmission that can no longer come: a
   * closer that is not in LAST_ACK now is not at flowEnd either (a timer
   * only ends a TIME_WAIT), so flowEnd would drop them. Dropped now: nearly
   * every passive close has them, and the peer's TIME_WAIT lasts a minute.
   */
  flowLingers(flow: Flow): void {
    if (this.quiet.size === 0 || (reachedByFlow(flow) & LAST_ACK_BIT) === 0) return;
    const slot = this.quiet.slotOf(flow);
    if (slot !== undefined) this.dropSettled(flow, slot);
  }

  /**
   * Drops a quiet note whose closer left LAST_ACK: with no FIN retransmission
   * it is below any threshold but 0. Returns whether it was dropped.
   */
  private dropSettled(flow: Flow, slot: number): boolean {
    if (this.t.lastAckRetransmissions <= 0 || sideOf(flow, this.quiet.closerIsClient(slot)).state === LAST_ACK) return false;
    this.quiet.drop(slot);
    return true;
  }

  flowEnd(flow: Flow, atCaptureEnd: boolean): void {
    if ((reachedByFlow(flow) & LAST_ACK_BIT) === 0) return;
    let n = this.notes.get(flow);
    if (n === undefined) {
      const slot = this.quiet.size > 0 ? this.quiet.slotOf(flow) : undefined;
      if (slot === undefined) return;
      if (this.dropSettled(flow, slot)) return;
      n = this.quiet.take(flow, slot);
    } else this.notes.delete(flow);
    const state = sideOf(flow, n.client).state;
    const stillWaiting = state === LAST_ACK;
    // Kept only if findings() may report it (memory follows findings, not closes).
    if (n.retransmissions < this.t.lastAckRetransmissions) {
      if (!stillWaiting) return;
      if (!atCaptureEnd && flow.lastTs - n.finTs < INFO_MIN_SECONDS) return;
    }
    const e = { n, stillWaiting, atEnd: atCaptureEnd };
    // Still waiting when the capture ended: how long is known in findings().
    if (stillWaiting && atCaptureEnd) {
      keepFlow(flow);
      this.done.keepToEnd(e);
    } else this.done.settle(e);
  }

  findings(ctx: FindingContext): Finding[] {
    return this.done.findings(ctx.lastTs).sort(byStart);
  }

  omitted(): OmittedFindings {
    return this.done.omitted();
  }

  private finding({ n, stillWaiting, atEnd }: Ended, lastTs: number): Finding | null {
    const N = this.t.lastAckRetransmissions;
    const censored = stillWaiting;
    const endTs = censored ? (atEnd ? lastTs : n.flow.lastTs) : n.lastRetransmissionTs;
    const waited = endTs - n.finTs;
    const stuck = n.retransmissions >= N;
    if (!stuck && (!censored || waited < INFO_MIN_SECONDS)) return null;
    const side = sideOf(n.flow, n.client);
    const peer = peerOf(n.flow, n.client);
    const me = hostPort(side.ip, side.port);
    const p = hostPort(peer.ip, peer.port);
    const head = `${me} closed after the ${n.client ? 'server' : 'client'} (FIN at frame ${n.finFrame})`;
    let message: string;
    if (!stuck) {
      message = `${head} and the capture ended ${duration(waited)} later without ${p}'s final ACK: too short to tell (threshold ${plural(N, 'FIN retransmission')}).`;
    } else if (n.ackSeenBeforeRetransmission) {
      message = `${head} and retransmitted its FIN ${plural(n.retransmissions, 'time')} although ${p}'s final ACK was captured at frame ${n.finalAckFrame}: the ACK was lost between the capture point and ${me}.`;
    } else {
      message =
        `${head} and retransmitted its FIN ${plural(n.retransmissions, 'time')} over ${duration(waited)} without a final ACK from ${p}: ` +
        `the ACK (or the FIN) is being lost, or ${p} is gone; ${me} holds the socket in LAST_ACK meanwhile.`;
    }
    return makeFinding({
      id: this.id,
      severity: stuck ? 'warning' : 'info',
      message,
      endpoint: ref(side),
      flowIds: [n.flow.id],
      since: n.finTs,
      duration: waited,
      censored,
      frames: evidence(n),
      service: serviceOf(n.flow),
      details: { state: 'LAST_ACK', finRetransmissions: n.retransmissions, finalAckSeen: n.finalAckFrame > 0 },
    });
  }
}
