// A connection's packets as a compact script: triples of (delay µs since the
// connection's previous packet, code, payload length). Scripts hold no
// sequence numbers: those are computed when each packet is emitted, from the
// connection's running state, so every scenario gets consistent seq/ack
// arithmetic for free.

export const C = 0;
export const S = 1;

/** Packet kinds; the emitter (emit.mjs) turns each into flags, seq, ack and options. */
export const Op = {
  SYN: 0,
  SYNACK: 1,
  ACK: 2,
  DATA: 3,
  /** Resend this side's last data segment (same seq, same length). */
  RETX: 4,
  /** FIN+ACK. */
  FIN: 5,
  /** RST+ACK at the sender's next sequence number (acceptable: an abort). */
  RST: 6,
  /** RST+ACK answering a SYN (seq 0, ack ISN+1): connection refused. */
  REFUSE: 7,
  /** seq = next - 1, no payload. */
  KEEPALIVE: 8,
  /** ACK advertising window 0; the side keeps advertising 0 until WINUPDATE. */
  ZWIN: 9,
  /** One byte at the sender's next sequence number while the peer's window is 0 (not consumed). */
  ZWPROBE: 10,
  /** ACK reopening the window. */
  WINUPDATE: 11,
};

export const DIR_SHIFT = 4;
/** On a FIN: the ack does not cover the peer's FIN yet (simultaneous close: both FINs cross). */
export const X_FIN_CROSSES = 1 << 5;

/** Builds one script with the connection's timing (µs): RTT seen from the capture point, server turnaround. */
export class ScriptBuilder {
  constructor(rng, timing) {
    this.rng = rng;
    this.rtt = timing.rtt;
    this.proc = timing.proc;
    this.ops = [];
    this.lastDir = -1;
    /** µs from the first packet to the latest one added. */
    this.elapsed = 0;
  }

  /** Adds a packet `dt` µs after the previous one. */
  at(dt, op, dir, len = 0, extra = 0) {
    const d = this.ops.length === 0 ? 0 : Math.max(1, Math.round(dt));
    this.ops.push(d, op | (dir << DIR_SHIFT) | extra, len);
    this.elapsed += d;
    this.lastDir = dir;
  }

  /**
   * Adds a packet that reacts to the previous one: the capture point sits next
   * to the server, so a server reply follows after its turnaround, a client
   * reply after a round trip, and back-to-back segments after a few µs.
   */
  then(op, dir, len = 0, extra = 0) {
    let dt;
    if (dir === this.lastDir) dt = this.rng.int(8, 60);
    else if (dir === S) dt = this.proc;
    else dt = this.rtt;
    this.at(dt, op, dir, len, extra);
  }

  get packets() {
    return this.ops.length / 3;
  }
}
