import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { Layer } from './layer.js';

export const EtherType = {
  IPV4: 0x0800,
  IPV6: 0x86dd,
  VLAN: 0x8100,
  QINQ: 0x88a8,
  QINQ_OLD: 0x9100,
  QINQ_OLD2: 0x9200,
  PPPOE_SESSION: 0x8864,
  MPLS: 0x8847,
  MPLS_MULTICAST: 0x8848,
  PBB: 0x88e7,
  VNTAG: 0x8926,
  ETAG: 0x893f,
  FABRICPATH: 0x8903,
  WCCP: 0x883e,
  TEB: 0x6558,
  ERSPAN: 0x88be,
  ERSPAN3: 0x22eb,
  PPP: 0x880b,
} as const;

/** The layer an EtherType (or GRE / SLL / C-HDLC protocol field, same number space) leads to. */
export function layerForEthertype(type: number, out: DecodedPacket): Layer {
  switch (type) {
    case EtherType.IPV4:
      return Layer.IPV4;
    case EtherType.IPV6:
      return Layer.IPV6;
    case EtherType.VLAN:
    case EtherType.QINQ:
    case EtherType.QINQ_OLD:
    case EtherType.QINQ_OLD2:
      return Layer.VLAN;
    case EtherType.PPPOE_SESSION:
      return Layer.PPPOE;
    case EtherType.MPLS:
    case EtherType.MPLS_MULTICAST:
      return Layer.MPLS;
    case EtherType.PBB:
      return Layer.PBB;
    case EtherType.VNTAG:
      return Layer.VNTAG;
    case EtherType.ETAG:
      return Layer.ETAG;
    case EtherType.FABRICPATH:
      return Layer.FABRICPATH;
    case EtherType.WCCP:
      return Layer.WCCP;
    case EtherType.TEB:
      return Layer.ETHERNET;
    case EtherType.PPP:
      return Layer.PPP;
    default:
      out.status = DecodeStatus.NOT_IP;
      return Layer.END;
  }
}
