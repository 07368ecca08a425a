/**
 * What the decoders found in one record. A single instance is filled in place
 * for every packet (gopacket's DecodingLayerParser style), so nothing here is
 * allocated per packet; consumers copy the numbers they keep.
 */

/** Outcome of decoding one record, from the link layer down to TCP. */
export const DecodeStatus = {
  /** A TCP header was found and every field below is valid. */
  TCP: 0,
  /** No IP inside (ARP, LLDP, STP, ...). */
  NOT_IP: 1,
  /** IP, but not TCP (UDP not carrying a known tunnel, ICMP, ...). */
  NOT_TCP: 2,
  /** The capture ended inside a header we needed (snaplen or a short record). */
  TRUNCATED: 3,
  /** The record's link type has no decoder. */
  UNSUPPORTED_LINK: 4,
  /** A non-first IP fragment: no TCP header in it. */
  FRAGMENT: 5,
  /** A header that contradicts itself (bad version, length below minimum, ...). */
  MALFORMED: 6,
} as const;
export type DecodeStatus = (typeof DecodeStatus)[keyof typeof DecodeStatus];

export const TcpFlag = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
  NS: 0x100,
} as const;

export interface DecodedPacket {
  status: DecodeStatus;
  /** Link type of the record; for a status of UNSUPPORTED_LINK, the one we lacked. */
  linkType: number;

  /** 4 or 6 for the innermost IP header; 0 when none was reached. */
  ipVersion: number;
  /** Addresses as big-endian 32-bit words: IPv4 in word 0 (words 1-3 zero), IPv6 in all four. */
  src: Uint32Array;
  dst: Uint32Array;
  ipTtl: number;
  /** IPv4 identification (0 for IPv6). */
  ipId: number;
  /** Offset of the innermost IP header in the record's data. */
  ipOffset: number;
  /** IP header length including IPv6 extension headers. */
  ipHeaderLen: number;
  /** Length of the innermost IP packet per its header (total length / payload length + 40). */
  ipTotalLen: number;
  /** The innermost IP packet is a first fragment (MF set): only part of the TCP payload is here. */
  ipFirstFragment: boolean;
  /** Protocol of the innermost IP payload (IPv6: after extension headers); 0 when no IP was reached. */
  ipProto: number;

  srcPort: number;
  dstPort: number;
  /** Unsigned 32-bit sequence and acknowledgement numbers. */
  seq: number;
  ack: number;
  /** TcpFlag bits, NS included. */
  flags: number;
  /** Window field as sent, before any window scaling. */
  window: number;
  urgent: number;
  tcpChecksum: number;
  /** Offset of the TCP header in the record's data. */
  tcpOffset: number;
  tcpHeaderLen: number;
  /** TCP payload length on the wire, from the IP length (not from caplen). */
  payloadLen: number;
  /** How many payload bytes the capture holds (less than payloadLen when truncated). */
  payloadCaptured: number;

  /** TCP options; -1 where the option was absent. */
  optMss: number;
  optWscale: number;
  optSackPermitted: boolean;
  optHasTimestamps: boolean;
  optTsVal: number;
  optTsEcr: number;
  /** Number of SACK blocks; their edges are in `sack` as left,right pairs. */
  sackCount: number;
  sack: Uint32Array;

  /** 0 when untagged; otherwise the VLAN ids, outer << 12 | inner for QinQ (distinguishes flows). */
  vlanKey: number;
  /**
   * 0 outside tunnels; otherwise a hash of every tunnel's outer addresses (and
   * VXLAN/Geneve VNI), the same for both directions of a connection.
   */
  tunnelKey: number;
  /** How many tunnel encapsulations were peeled off. */
  tunnelDepth: number;
}

export function newDecodedPacket(): DecodedPacket {
  return {
    status: DecodeStatus.NOT_IP,
    linkType: 0,
    ipVersion: 0,
    src: new Uint32Array(4),
    dst: new Uint32Array(4),
    ipTtl: 0,
    ipId: 0,
    ipOffset: 0,
    ipHeaderLen: 0,
    ipTotalLen: 0,
    ipFirstFragment: false,
    ipProto: 0,
    srcPort: 0,
    dstPort: 0,
    seq: 0,
    ack: 0,
    flags: 0,
    window: 0,
    urgent: 0,
    tcpChecksum: 0,
    tcpOffset: 0,
    tcpHeaderLen: 0,
    payloadLen: 0,
    payloadCaptured: 0,
    optMss: -1,
    optWscale: -1,
    optSackPermitted: false,
    optHasTimestamps: false,
    optTsVal: 0,
    optTsEcr: 0,
    sackCount: 0,
    sack: new Uint32Array(8),
    vlanKey: 0,
    tunnelKey: 0,
    tunnelDepth: 0,
  };
}
