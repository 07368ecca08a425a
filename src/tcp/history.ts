/**
 * Zeek's connection history string (Session::CheckHistory, AddHistory,
 * ScaledHistoryEntry in src/session/Session.cc; TCP_Endpoint::CheckHistory).
 * Upper case = originator, lower case = responder. a/d/i/q (and the first
 * s/h/f/r) are recorded once per direction through a "seen" bit mask;
 * c/g/t/w are logarithmic: a letter at the 1st, 10th, 100th ... occurrence.
 */

/** Bits of Zeek's hist_seen mask (TCP_Endpoint.h HIST_*); the responder's are shifted left 16. */
export const Hist = {
  SYN_PKT: 0x1,
  FIN_PKT: 0x2,
  RST_PKT: 0x4,
  FIN_RST_PKT: 0x8,
  DATA_PKT: 0x10,
  ACK_PKT: 0x20,
  MULTI_FLAG_PKT: 0x40,
} as const;

/** The history of one connection plus the mask of letters already seen. */
export class History {
  text = '';
  private seen = 0;

  /** Adds `code` (cased for the direction) the first time `mask` is seen; true if it had been seen before. */
  check(isOrig: boolean, mask: number, code: string): boolean {
    const m = isOrig ? mask : mask << 16;
    if ((this.seen & m) === 0) {
      this.seen |= m;
      this.text += isOrig ? code : code.toLowerCase();
      return false;
    }
    return true;
  }

  add(isOrig: boolean, code: string): void {
    this.text += isOrig ? code : code.toLowerCase();
  }

  /** Zeek's '^': the originator/responder roles were swapped by a heuristic. */
  flipped(): void {
    this.text += '^';
  }
}

/** A logarithmic counter (Session::ScaledHistoryEntry with base 10). */
export class ScaledCounter {
  count = 0;
  threshold = 1;

  /** Counts one event; true when the count reached the threshold (a letter is due). */
  hit(): boolean {
    if (++this.count === this.threshold) {
      const next = this.threshold * 10;
      if (next <= 0xffffffff) this.threshold = next;
      return true;
    }
    return false;
  }
}

/** Distinct histories kept for sharing; beyond this, new ones are not shared (a capture has a few hundred). */
const INTERN_MAX = 4096;
const interned = new Map<string, string>();

/**
 * One string per distinct final history: every connection builds its own
 * while it lasts, but the few hundred histories a capture has are shared by
 * the hundreds of thousands of ended flows kept until the capture's end.
 */
export function internHistory(h: string): string {
  const s = interned.get(h);
  if (s !== undefined) return s;
  if (interned.size < INTERN_MAX) interned.set(h, h);
  return h;
}
