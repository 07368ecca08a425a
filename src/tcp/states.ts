/**
 * The two state models kept for every endpoint. RFC 793 states (the observer's
 * inference, what tcpstate reports) come from the model; Zeek's own endpoint
 * states are kept separately because Zeek's conn_state is computed from them
 * and they do not map one-to-one onto RFC states (a FIN makes a Zeek endpoint
 * CLOSED at once; a mid-stream side is PARTIAL, not ESTABLISHED).
 */
export { TcpState, STATE_NAMES, stateName, type TcpStateName } from '../model/tcp-state.js';

/** Zeek's TCP_ENDPOINT_* (analyzer/protocol/tcp/TCP_Endpoint.h), same order as Zeek's enum. */
export const ZeekState = {
  INACTIVE: 0,
  SYN_SENT: 1,
  SYN_ACK_SENT: 2,
  PARTIAL: 3,
  ESTABLISHED: 4,
  CLOSED: 5,
  RESET: 6,
} as const;
export type ZeekState = (typeof ZeekState)[keyof typeof ZeekState];

export const ZEEK_STATE_NAMES = ['INACTIVE', 'SYN_SENT', 'SYN_ACK_SENT', 'PARTIAL', 'ESTABLISHED', 'CLOSED', 'RESET'] as const;
