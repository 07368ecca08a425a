/**
 * One capture record as a reader hands it to its sink. The reader reuses this
 * object and the memory behind `data` for the next record, so a consumer copies
 * out whatever it keeps (the hot path keeps nothing but numbers).
 */
export interface PacketRecord {
  /**
   * The buffer holding the captured bytes, at `offset`: the reader's whole
   * chunk, other records included. A view per record was 23 % of everything
   * the full analysis allocated (94 bytes a packet, each a young-generation
   * object for the scavenger). recordBytes() gives the record's own view.
   */
  data: Uint8Array;
  /** Where the captured bytes start in `data`. */
  offset: number;
  /** How many bytes were captured: possibly fewer than went on the wire. */
  caplen: number;
  /** Length of the packet on the wire; larger than caplen when snaplen cut it. */
  origLen: number;
  /** Timestamp, exact: whole seconds since the epoch and nanoseconds within it. */
  tsSec: number;
  tsNsec: number;
  /** LINKTYPE_* value of the interface the packet came from. */
  linkType: number;
  /** pcapng interface index within its section (0 for classic pcap). */
  interfaceId: number;
}

export function newPacketRecord(): PacketRecord {
  return { data: new Uint8Array(0), offset: 0, caplen: 0, origLen: 0, tsSec: 0, tsNsec: 0, linkType: 0, interfaceId: 0 };
}

/** Epoch seconds as a double: microsecond-exact for any date this tool will see. */
export function recordTime(rec: PacketRecord): number {
  return rec.tsSec + rec.tsNsec / 1e9;
}

/** The record's captured bytes as a view of their own (a copy's worth of object: not for the hot path). */
export function recordBytes(rec: PacketRecord): Uint8Array {
  const end = rec.offset + rec.caplen;
  return rec.data.subarray(rec.offset, end < rec.data.length ? end : rec.data.length);
}
