import type { Flow } from '../model/flow.js';
import type { TrackedEndpoint } from './endpoint.js';

/**
 * One connection incarnation as the tracker keeps it: the model's Flow that
 * listeners read, plus the Zeek view of the same packets and the table entry.
 */
export class Connection implements Flow {
  id: number;
  client: TrackedEndpoint;
  server: TrackedEndpoint;
  ipVersion: number;
  vlanKey: number;
  tunnelKey: number;
  firstTs: number;
  lastTs: number;
  firstFrame: number;
  lastFrame: number;
  partial = false;
  history = '';
  connState = '';

  /** Slot of the Zeek view in the tracker's ZeekConns; -1 once the flow left the table (its summary is in connState, history and the byte counts). */
  zeek: number;
  /** Table entry, -1 once the flow left the table. */
  entry = -1;
  /** Whether the client is the first endpoint of the canonical key. */
  clientIsA: boolean;
  /** Zeek role flips already mirrored on client/server. */
  flipsSeen = 0;
  /** SYN to third-ACK time (Wireshark's ts_first_rtt), 0 until measured. */
  firstRtt = 0;
  /** Time of the client's SYN, -1 if none. */
  synTs = -1;
  /**
   * synTs is set and firstRtt still 0: the next pure ACK measures it. A field
   * held inline, so that a segment does not read the two doubles (each boxed
   * apart from the object) to find there is nothing to do.
   */
  rttPending = false;
  /** In the close-grace queue. */
  graceQueued = false;
  /** Listeners following this flow packet by packet (TrackerListener.watchBit). */
  watch = 0;
  /** Flow.synDestination: declared here so every Connection has the same shape. */
  synDestination = 0;
  /** Flow.kept. */
  kept = false;

  constructor(
    id: number,
    client: TrackedEndpoint,
    server: TrackedEndpoint,
    clientIsA: boolean,
    ipVersion: number,
    vlanKey: number,
    tunnelKey: number,
    ts: number,
    frame: number,
    zeek: number,
  ) {
    this.id = id;
    this.client = client;
    this.server = server;
    this.clientIsA = clientIsA;
    this.ipVersion = ipVersion;
    this.vlanKey = vlanKey;
    this.tunnelKey = tunnelKey;
    this.firstTs = ts;
    this.lastTs = ts;
    this.firstFrame = frame;
    this.lastFrame = frame;
    this.zeek = zeek;
  }

  /**
   * Keeps the final values for listeners that hold the flow: each side
   * becomes an EndpointRecord and its column slot is reused. The tracker
   * never touches an ended flow's sides again, so they keep their live type.
   */
  freeze(): void {
    this.client = this.client.freeze() as unknown as TrackedEndpoint;
    this.server = this.server.freeze() as unknown as TrackedEndpoint;
  }

  /** Gives both sides' slots back without a copy: nobody holds the ended flow. */
  release(): void {
    this.client.release();
    this.server.release();
  }

  /** Follows a Zeek role flip: the originator is whoever Zeek now calls orig. */
  syncRoles(flips: number): void {
    while (this.flipsSeen < flips) {
      this.flipsSeen++;
      const c = this.client;
      this.client = this.server;
      this.server = c;
      this.clientIsA = !this.clientIsA;
    }
  }
}
