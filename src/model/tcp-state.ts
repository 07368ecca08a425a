/**
 * The eleven RFC 793 states plus UNKNOWN (nothing can be inferred, e.g. the
 * silent side of a one-sided capture). Numeric so endpoints store them in
 * plain fields; STATE_NAMES gives the spelling of the report contract.
 */
export const TcpState = {
  CLOSED: 0,
  LISTEN: 1,
  SYN_SENT: 2,
  SYN_RCVD: 3,
  ESTABLISHED: 4,
  FIN_WAIT_1: 5,
  FIN_WAIT_2: 6,
  CLOSE_WAIT: 7,
  CLOSING: 8,
  LAST_ACK: 9,
  TIME_WAIT: 10,
  UNKNOWN: 11,
} as const;
export type TcpState = (typeof TcpState)[keyof typeof TcpState];
export type TcpStateName = keyof typeof TcpState;

export const STATE_NAMES: readonly TcpStateName[] = [
  'CLOSED',
  'LISTEN',
  'SYN_SENT',
  'SYN_RCVD',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
  'UNKNOWN',
];

export function stateName(s: TcpState): TcpStateName {
  return STATE_NAMES[s]!;
}
