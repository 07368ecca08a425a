import { TcpFlag } from '../model/decoded.js';
import { Analysis, Interest, type SegmentEvent, type TrackerListener } from '../model/events.js';
import type { AnalysisSummary } from '../model/report.js';

// tshark's tcp.analysis.retransmission is also shown on fast and spurious retransmissions.
const ANY_RETRANSMISSION = Analysis.RETRANSMISSION | Analysis.FAST_RETRANSMISSION | Analysis.SPURIOUS_RETRANSMISSION;

/**
 * The frame counts a Wireshark user checks first (tcp.flags.syn==1 &&
 * tcp.flags.ack==0, tcp.analysis.retransmission, ...), over every TCP segment
 * the tracker saw.
 */
export class AnalysisCounters implements TrackerListener {
  readonly marksKept = true;
  readonly interest =
    Interest.SYN | Interest.FIN | Interest.RST | ANY_RETRANSMISSION | Analysis.DUP_ACK | Analysis.ZERO_WINDOW | Analysis.KEEP_ALIVE;
  private syn = 0;
  private synAck = 0;
  private fin = 0;
  private rst = 0;
  private retransmissions = 0;
  private dupAcks = 0;
  private zeroWindows = 0;
  private keepAlives = 0;

  segment(ev: SegmentEvent): void {
    const f = ev.flags;
    if (f & TcpFlag.SYN) {
      if (f & TcpFlag.ACK) this.synAck++;
      else this.syn++;
    }
    if (f & TcpFlag.FIN) this.fin++;
    if (f & TcpFlag.RST) this.rst++;
    const a = ev.analysis;
    if (a === 0) return;
    if (a & ANY_RETRANSMISSION) this.retransmissions++;
    if (a & Analysis.DUP_ACK) this.dupAcks++;
    if (a & Analysis.ZERO_WINDOW) this.zeroWindows++;
    if (a & Analysis.KEEP_ALIVE) this.keepAlives++;
  }

  summary(): AnalysisSummary {
    return {
      syn: this.syn,
      synAck: this.synAck,
      fin: this.fin,
      rst: this.rst,
      retransmissions: this.retransmissions,
      dupAcks: this.dupAcks,
      zeroWindows: this.zeroWindows,
      keepAlives: this.keepAlives,
    };
  }
}
