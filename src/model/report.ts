import type { CaptureSummary } from './capture.js';
import type { TcpStateName } from './tcp-state.js';

/** Bumped only when a field changes meaning or disappears; new fields do not bump it. */
export const SCHEMA_VERSION = 1;

export type Severity = 'error' | 'warning' | 'info';

export interface EndpointReport {
  ip: string;
  port: number;
  /** State at the end of the capture (or when the connection left the table). */
  state: TcpStateName;
  packets: number;
  /** Bytes on the wire: IP length of every packet this side sent. */
  bytes: number;
  /** TCP payload bytes this side sent, retransmissions included. */
  payloadBytes: number;
  /** Zeek's orig_bytes/resp_bytes: payload by sequence space, retransmissions not counted twice. */
  zeekBytes?: number;
  /** Bytes acknowledged by the peer but never captured (Zeek's missed_bytes share). */
  missedBytes?: number;
  /** summary.analysis's counters for the frames this side sent. */
  analysis: AnalysisSummary;
}

export interface FlowReport {
  /** Stable within one report: 1-based, in order of first packet. */
  id: number;
  /** The originator (Zeek's orig): sender of the first SYN, or the guessed client. */
  client: EndpointReport;
  server: EndpointReport;
  firstTs: number;
  lastTs: number;
  /** Zeek's conn_state (S0, S1, SF, REJ, ...). */
  connState: string;
  /** Zeek's history string. */
  history: string;
  /** The handshake was not seen: the capture began mid-connection. */
  partial: boolean;
  vlan: number | null;
  /** Wireshark display filter selecting this connection's packets. */
  wiresharkFilter: string;
}

export interface EndpointRef {
  ip: string;
  port: number;
}

export interface Finding {
  id: string;
  severity: Severity;
  message: string;
  endpoint: EndpointRef;
  flowIds: number[];
  since: number;
  duration: number;
  /** The capture ended before the condition was resolved or its threshold reached. */
  censored: boolean;
  frames: number[];
  wiresharkFilter: string;
  /** The service (server ip:port) of the connection(s) involved, when there is one. */
  service?: EndpointRef;
  /** Figures behind the message (counts, rates, states), keyed in camelCase. */
  details?: Record<string, number | string | boolean>;
}

/** Wireshark users' counters over every TCP frame (tshark's definitions). */
export interface AnalysisSummary {
  /** SYN without ACK. */
  syn: number;
  synAck: number;
  fin: number;
  rst: number;
  /** tcp.analysis.retransmission (fast and spurious retransmissions included, as tshark counts them). */
  retransmissions: number;
  dupAcks: number;
  zeroWindows: number;
  keepAlives: number;
}

/** Findings aggregated per service (server ip:port): "which service leaks". */
export interface ServiceSummary {
  ip: string;
  port: number;
  /** Worst severity among this service's findings. */
  worst: Severity;
  /** Findings per id. */
  findings: Record<string, number>;
  /** Distinct connections named by those findings. */
  flows: number;
}

/** One service's findings as plain data: what a shard of a --jobs run, or a capped list, hands on. */
export interface ServiceTallyState {
  ip: string;
  port: number;
  worst: Severity;
  findings: Record<string, number>;
  /** Distinct connections named by the findings counted. */
  ids: number[];
}

/** How a report lists findings (FindingCap): the earliest `maxFindings` of each kind, with the config's severities. */
export interface Listing {
  maxFindings: number;
  severity: Readonly<Record<string, Severity>>;
}

/** What a capped list of findings left out, as plain data (a shard of a --jobs run sends it to the main thread). */
export interface OmittedFindings {
  /** Per finding id. */
  counts: Record<string, Record<Severity, number>>;
  /** The services those findings name, so that the per-service summary still counts them. */
  services: ServiceTallyState[];
}

export interface ReportSummary {
  packets: number;
  tcpPackets: number;
  flows: number;
  endStates: Partial<Record<TcpStateName, number>>;
  /** The same per side: clients (originators) and servers. */
  endStatesBySide?: { client: Partial<Record<TcpStateName, number>>; server: Partial<Record<TcpStateName, number>> };
  /** Every finding, listed or not. */
  findings: Record<Severity, number>;
  /**
   * Per finding id, those the report does not list (it lists the earliest
   * --max-findings of each kind); present only when some were left out.
   */
  findingsOmitted?: Record<string, Record<Severity, number>>;
  analysis?: AnalysisSummary;
}

export interface Report {
  schemaVersion: number;
  captures: CaptureSummary[];
  summary: ReportSummary;
  flows: FlowReport[];
  findings: Finding[];
  /** Findings per service, worst first. */
  services?: ServiceSummary[];
}
