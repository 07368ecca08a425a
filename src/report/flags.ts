import { Analysis, type SegmentEvent } from '../model/events.js';
import { TcpFlag } from '../model/decoded.js';

const FLAG_ORDER: [number, string][] = [
  [TcpFlag.SYN, 'SYN'],
  [TcpFlag.FIN, 'FIN'],
  [TcpFlag.RST, 'RST'],
  [TcpFlag.PSH, 'PSH'],
  [TcpFlag.ACK, 'ACK'],
  [TcpFlag.URG, 'URG'],
  [TcpFlag.ECE, 'ECE'],
  [TcpFlag.CWR, 'CWR'],
  [TcpFlag.NS, 'NS'],
];

/** "SYN,ACK", "FIN,ACK": the control bits first, as people read a handshake. */
export function flagsText(flags: number): string {
  const names: string[] = [];
  for (const [bit, name] of FLAG_ORDER) if (flags & bit) names.push(name);
  return names.length > 0 ? names.join(',') : 'none';
}

/** Wireshark's wording for the analysis verdicts a reader of a ladder must notice. */
const ANALYSIS_LABELS: [number, string][] = [
  [Analysis.RETRANSMISSION, 'retransmission'],
  [Analysis.FAST_RETRANSMISSION, 'fast retransmission'],
  [Analysis.SPURIOUS_RETRANSMISSION, 'spurious retransmission'],
  [Analysis.OUT_OF_ORDER, 'out of order'],
  [Analysis.LOST_SEGMENT, 'previous segment not captured'],
  [Analysis.ACK_LOST_SEGMENT, 'ACKed unseen segment'],
  [Analysis.DUP_ACK, 'dup ACK'],
  [Analysis.ZERO_WINDOW, 'zero window'],
  [Analysis.ZERO_WINDOW_PROBE, 'zero window probe'],
  [Analysis.ZERO_WINDOW_PROBE_ACK, 'zero window probe ACK'],
  [Analysis.WINDOW_FULL, 'window full'],
  [Analysis.WINDOW_UPDATE, 'window update'],
  [Analysis.KEEP_ALIVE, 'keep-alive'],
  [Analysis.KEEP_ALIVE_ACK, 'keep-alive ACK'],
  [Analysis.REUSED_PORTS, 'port reused'],
  [Analysis.RST_OUT_OF_WINDOW, 'RST out of window'],
];

export function analysisLabels(bits: number): string[] {
  const out: string[] = [];
  for (const [bit, label] of ANALYSIS_LABELS) if (bits & bit) out.push(label);
  return out;
}

/** Verdicts that mean trouble (drawn in the warning colour); the rest are informative. */
export const TROUBLE_BITS =
  Analysis.RETRANSMISSION |
  Analysis.FAST_RETRANSMISSION |
  Analysis.SPURIOUS_RETRANSMISSION |
  Analysis.OUT_OF_ORDER |
  Analysis.LOST_SEGMENT |
  Analysis.ACK_LOST_SEGMENT |
  Analysis.ZERO_WINDOW |
  Analysis.ZERO_WINDOW_PROBE |
  Analysis.REUSED_PORTS |
  Analysis.RST_OUT_OF_WINDOW;

/** The label on a ladder arrow: flags, relative seq/ack and payload length. */
export function segmentLabel(row: Pick<SegmentEvent, 'flags' | 'relSeq' | 'relAck' | 'payloadLen'>): string {
  const ack = row.flags & TcpFlag.ACK ? ` ack=${row.relAck}` : '';
  return `${flagsText(row.flags)} seq=${row.relSeq}${ack} len=${row.payloadLen}`;
}
