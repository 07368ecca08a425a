/**
 * The decoders' shared vocabulary. Each layer decoder reads its header at
 * `cur.off`, advances the cursor past it and returns the Layer to decode next,
 * or Layer.END once it has set `out.status`; decodePacket drives the loop.
 * Returning the next layer instead of calling it keeps the layer files free of
 * import cycles (tunnels lead back to Ethernet and IP) and lets one loop bound
 * the nesting.
 */
export const Layer = {
  END: 0,
  ETHERNET: 1,
  VLAN: 2,
  LLC: 3,
  PBB: 4,
  PPP: 5,
  PPPOE: 6,
  MPLS: 7,
  IP_ANY: 8,
  IPV4: 9,
  IPV6: 10,
  TCP: 11,
  UDP: 12,
  GRE: 13,
  ERSPAN2: 14,
  ERSPAN3: 15,
  VXLAN: 16,
  GENEVE: 17,
  TEREDO: 18,
  AYIYA: 19,
  GTPU: 20,
  NULL_LOOP: 21,
  SLL: 22,
  SLL2: 23,
  CHDLC: 24,
  PPP_HDLC: 25,
  FRELAY: 26,
  IEEE80211: 27,
  RADIOTAP: 28,
  NFLOG: 29,
  FDDI: 30,
  SLIP: 31,
  IPNET: 32,
  JUNIPER_ETHER: 33,
  PKTAP: 34,
  IPOIB: 35,
  WITH_DIR: 36,
  VNTAG: 37,
  ETAG: 38,
  FABRICPATH: 39,
  WCCP: 40,
  ARCNET: 41,
} as const;
export type Layer = (typeof Layer)[keyof typeof Layer];

/** Where the next header starts and how far the bytes go. Reused for every packet. */
export interface Cursor {
  /** Offset of the next header in the record's data. */
  off: number;
  /** End of the captured bytes that belong to the current packet (IP length and caplen both applied). */
  end: number;
  /**
   * End as the enclosing headers declare it (IP total length); a header that
   * runs past `end` but not past `limit` was cut by the capture (TRUNCATED),
   * one that runs past `limit` contradicts its container (MALFORMED).
   */
  limit: number;
  /** Length of the record on the wire (origLen), for IP headers that give no length (TSO). */
  wireLen: number;
  /** Link type for the next link-layer decoder (PKTAP, WITH_DIR and tunnels name their inner link). */
  linkType: number;
  /** Radiotap said the 802.11 header is padded to a multiple of 4 bytes. */
  datapad: boolean;
}

export function newCursor(): Cursor {
  return { off: 0, end: 0, limit: 0, wireLen: 0, linkType: 0, datapad: false };
}
