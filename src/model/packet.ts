/**
 * One capture record as a reader hands it to its sink. The reader reuses this
 * object and the memory behind `data` for the next record, so a consumer copies
 * out whatever it keeps (the hot path keeps nothing but numbers).
 */
export interface PacketRecord {
  /** The captured bytes: `caplen` of them, possibly fewer than went on the wire. */
  data: Uint8Array;
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
  return { data: new Uint8Array(0), caplen: 0, origLen: 0, tsSec: 0, tsNsec: 0, linkType: 0, interfaceId: 0 };
}

/** Epoch seconds as a double: microsecond-exact for any date this tool will see. */
export function recordTime(rec: PacketRecord): number {
  return rec.tsSec + rec.tsNsec / 1e9;
}
