import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { Layer } from './layer.js';
import { Tunnel, enterTunnel } from './tunnel-key.js';

export const IpProto = {
  HOPOPTS: 0,
  IPV4: 4,
  TCP: 6,
  UDP: 17,
  IPV6: 41,
  ROUTING: 43,
  FRAGMENT: 44,
  GRE: 47,
  ESP: 50,
  AH: 51,
  NONE: 59,
  DSTOPTS: 60,
  MOBILITY: 135,
  HIP: 139,
  SHIM6: 140,
} as const;

/** The layer an IP protocol number leads to, entering a tunnel for IP-in-IP and 6in4 / 4in6. */
export function layerForIpProto(proto: number, out: DecodedPacket): Layer {
  out.ipProto = proto;
  switch (proto) {
    case IpProto.TCP:
      return Layer.TCP;
    case IpProto.UDP:
      return Layer.UDP;
    case IpProto.GRE:
      return Layer.GRE;
    case IpProto.IPV4:
      enterTunnel(out, Tunnel.IP_IN_IP, 0);
      return Layer.IPV4;
    case IpProto.IPV6:
      enterTunnel(out, Tunnel.IP_IN_IP, 0);
      return Layer.IPV6;
    default:
      out.status = DecodeStatus.NOT_TCP;
      return Layer.END;
  }
}
