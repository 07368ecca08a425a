export type CaptureFormat = 'pcap' | 'pcapng';

/** Damage or oddity in a capture file that did not stop the analysis. */
export interface CaptureWarning {
  /** Byte offset in the (decompressed) file where the problem starts. */
  offset: number;
  message: string;
}

export interface LinkTypeInfo {
  id: number;
  /** LINKTYPE_ name without the prefix, e.g. "ETHERNET", or "LINKTYPE_182" if unknown. */
  name: string;
  /** Whether tcpstate decodes this link type. */
  supported: boolean;
}

/** The capture part of the report contract (DESIGN.md §5, `captures[]`). */
export interface CaptureSummary {
  path: string;
  format: CaptureFormat;
  compressed: boolean;
  linkTypes: LinkTypeInfo[];
  /** Records read (every record, whatever its link type or content). */
  packets: number;
  /** Records in which a TCP header was found. */
  tcpPackets: number;
  /** Records whose captured length is less than their length on the wire. */
  truncatedPackets: number;
  /** Records on link types tcpstate cannot decode. */
  unsupportedPackets: number;
  firstTs: number | null;
  lastTs: number | null;
  warnings: CaptureWarning[];
}

/** What the reader knows about one capture file once it has been read. */
export interface CaptureFileInfo {
  /** As given ('-' for stdin). */
  path: string;
  format: CaptureFormat;
  /** gzip was peeled off. */
  compressed: boolean;
  /** Distinct LINKTYPE values seen in headers/IDBs, in order of appearance. */
  linkTypes: number[];
  /** Records delivered. */
  packets: number;
  /** Records with caplen < origLen. */
  truncatedPackets: number;
  /** Epoch seconds (double); null when no record had a time stamp. */
  firstTs: number | null;
  lastTs: number | null;
  warnings: CaptureWarning[];
  /** (Decompressed) bytes consumed. */
  bytes: number;
}
