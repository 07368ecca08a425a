import { ZeekState } from './states.js';
import type { ZeekPage } from './zeek-columns.js';
import { origOf, zeekSize } from './zeek-endpoint.js';

const Z = ZeekState;

/** Zeek's RSTOS0 test on the history: a SYN, then a RST, with no SYN+ACK/ACK/FIN/gap/... from the originator. */
const RSTOS0_HISTORY = /^\^?S[^HAFGIQ]*R.*$/;

/**
 * Zeek's conn_state for a TCP connection (scripts/base/protocols/conn/main.zeek,
 * function conn_state), computed from Zeek's endpoint states only.
 */
export function zeekConnState(z: ZeekPage, c: number): string {
  const o = origOf(z, c);
  const r = o ^ 1;
  const os = z.eu8[o * 88 + 80 /* state */];
  const rs = z.eu8[r * 88 + 80 /* state */];
  const oInactive = os === Z.INACTIVE || os === Z.PARTIAL;
  const rInactive = rs === Z.INACTIVE || rs === Z.PARTIAL;
  if (rs === Z.RESET) {
    if (
      os === Z.SYN_SENT ||
      os === Z.SYN_ACK_SENT ||
      (os === Z.RESET && zeekSize(z, o, r) === 0 && zeekSize(z, r, o) === 0)
    )
      return 'REJ';
    return oInactive ? 'RSTRH' : 'RSTR';
  }
  if (os === Z.RESET) {
    if (rInactive) return RSTOS0_HISTORY.test(z.histText[c]!) ? 'RSTOS0' : 'OTH';
    return 'RSTO';
  }
  if (rs === Z.CLOSED && os === Z.CLOSED) return 'SF';
  if (os === Z.CLOSED) return rInactive ? 'SH' : 'S2';
  if (rs === Z.CLOSED) return oInactive ? 'SHR' : 'S3';
  if (os === Z.SYN_SENT && rs === Z.INACTIVE) return 'S0';
  if (os === Z.ESTABLISHED && rs === Z.ESTABLISHED) return 'S1';
  return 'OTH';
}
