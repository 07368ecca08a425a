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

/** Distinct histories the sharing table holds before it starts afresh (a capture has a few hundred). */
const INTERN_MAX = 4096;

/** Histories already extended, each by the letters added to it: a connection's history so far is shared, not rebuilt. */
const extended = new Map<string, Map<string, string>>();

/**
 * `h` + `letter`, one shared string per distinct result: every connection of a
 * capture writes much the same few histories letter by letter, and a new
 * string per letter was 6 % of everything the analysis allocated. So the
 * hundreds of thousands of ended flows kept to the capture's end share the
 * few hundred histories there are. Beyond INTERN_MAX histories the table
 * starts afresh, so its memory stays bounded.
 */
export function appendHistory(h: string, letter: string): string {
  let next = extended.get(h);
  if (next === undefined) {
    if (extended.size >= INTERN_MAX) extended.clear();
    next = new Map<string, string>();
    extended.set(h, next);
  }
  let s = next.get(letter);
  if (s === undefined) {
    s = h + letter;
    next.set(letter, s);
  }
  return s;
}

/** Every history letter in the responder's form (lower case): toLowerCase made a new string each time. */
const RESPONDER: Record<string, string> = { S: 's', H: 'h', A: 'a', D: 'd', F: 'f', R: 'r', I: 'i', Q: 'q', T: 't', C: 'c', G: 'g', W: 'w' };

/** The responder's form of a history letter (lower case). */
export function responderLetter(code: string): string {
  return RESPONDER[code] ?? code.toLowerCase();
}
