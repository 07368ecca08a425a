import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import type { PacketRecord } from '../model/packet.js';
import { decodeAyiya } from './ayiya.js';
import { decodeArcnet } from './arcnet.js';
import { decodeEtag, decodeFabricPath, decodePbb, decodeVnTag } from './bridge-tags.js';
import { decodeChdlc } from './chdlc.js';
import { decodeErspan2, decodeErspan3 } from './erspan.js';
import { decodeEthernet } from './ethernet.js';
import { decodeFddi } from './fddi.js';
import { decodeFrameRelay } from './frame-relay.js';
import { decodeGeneve } from './geneve.js';
import { decodeGre, decodeWccp } from './gre.js';
import { decodeGtpu } from './gtp.js';
import { decodeIeee80211 } from './ieee80211.js';
import { decodeIpnet } from './ipnet.js';
import { decodeIpoib } from './ipoib.js';
import { decodeIpv4 } from './ipv4.js';
import { decodeIpv6 } from './ipv6.js';
import { decodeJuniperEther } from './juniper.js';
import { Layer, newCursor } from './layer.js';
import { layerForLinkType } from './link-types.js';
import { decodeLlc } from './llc.js';
import { decodeMpls } from './mpls.js';
import { decodeNflog } from './nflog.js';
import { decodeNullLoop } from './null-loop.js';
import { decodePktap } from './pktap.js';
import { decodePpp, decodePppHdlc } from './ppp.js';
import { decodePppoe } from './pppoe.js';
import { decodeRadiotap } from './radiotap.js';
import { decodeIpAny } from './raw.js';
import { decodeSlip } from './slip.js';
import { decodeSll } from './sll.js';
import { decodeSll2 } from './sll2.js';
import { decodeTcp } from './tcp.js';
import { decodeTeredo } from './teredo.js';
import { decodeUdp } from './udp.js';
import { decodeVlan } from './vlan.js';
import { decodeVxlan } from './vxlan.js';
import { decodeWithDir } from './with-dir.js';

/** Every header moves the cursor forward, so this only stops pathological stacks of tags and labels. */
const MAX_LAYERS = 64;
/** Deeper nesting than this is an attack or a loop, not traffic. */
export const MAX_TUNNEL_DEPTH = 8;
/** Stands for "no length declared yet": only the capture bounds the bytes. */
const NO_LIMIT = 0x7fffffff;

const cur = newCursor();

/** Decodes one record from its link layer down to TCP, filling `out` (reset what you use). Returns out.status. */
export function decodePacket(rec: PacketRecord, out: DecodedPacket): DecodeStatus {
  const d = rec.data;
  // Offsets in the cursor and in `out` (ipOffset, tcpOffset) are positions in `d`, which holds other records too.
  const start = rec.offset;
  const end = start + rec.caplen < d.length ? start + rec.caplen : d.length;
  out.status = DecodeStatus.NOT_IP;
  out.linkType = rec.linkType;
  out.ipVersion = 0;
  out.ipProto = 0;
  out.ipFirstFragment = false;
  out.payloadLen = 0;
  out.payloadCaptured = 0;
  out.vlanKey = 0;
  out.tunnelKey = 0;
  out.tunnelDepth = 0;
  cur.off = start;
  cur.end = end;
  cur.limit = NO_LIMIT;
  cur.wireLen = start + rec.origLen > end ? start + rec.origLen : end;
  cur.linkType = rec.linkType;
  cur.datapad = false;

  let next = layerForLinkType(rec.linkType);
  if (next === Layer.END) {
    out.status = DecodeStatus.UNSUPPORTED_LINK;
    return out.status;
  }
  for (let steps = 0; next !== Layer.END; steps++) {
    if (steps === MAX_LAYERS || out.tunnelDepth > MAX_TUNNEL_DEPTH) {
      out.status = DecodeStatus.MALFORMED;
      break;
    }
    switch (next) {
      case Layer.ETHERNET: next = decodeEthernet(d, cur, out); break;
      case Layer.IPV4: next = decodeIpv4(d, cur, out); break;
      case Layer.TCP: next = decodeTcp(d, cur, out); break;
      case Layer.IPV6: next = decodeIpv6(d, cur, out); break;
      case Layer.VLAN: next = decodeVlan(d, cur, out); break;
      case Layer.UDP: next = decodeUdp(d, cur, out); break;
      case Layer.LLC: next = decodeLlc(d, cur, out); break;
      case Layer.PBB: next = decodePbb(d, cur, out); break;
      case Layer.VNTAG: next = decodeVnTag(d, cur, out); break;
      case Layer.ETAG: next = decodeEtag(d, cur, out); break;
      case Layer.FABRICPATH: next = decodeFabricPath(d, cur, out); break;
      case Layer.WCCP: next = decodeWccp(d, cur, out); break;
      case Layer.ARCNET: next = decodeArcnet(d, cur, out); break;
      case Layer.PPP: next = decodePpp(d, cur, out); break;
      case Layer.PPP_HDLC: next = decodePppHdlc(d, cur, out); break;
      case Layer.PPPOE: next = decodePppoe(d, cur, out); break;
      case Layer.MPLS: next = decodeMpls(d, cur, out); break;
      case Layer.IP_ANY: next = decodeIpAny(d, cur, out); break;
      case Layer.GRE: next = decodeGre(d, cur, out); break;
      case Layer.ERSPAN2: next = decodeErspan2(d, cur, out); break;
      case Layer.ERSPAN3: next = decodeErspan3(d, cur, out); break;
      case Layer.VXLAN: next = decodeVxlan(d, cur, out); break;
      case Layer.GENEVE: next = decodeGeneve(d, cur, out); break;
      case Layer.TEREDO: next = decodeTeredo(d, cur, out); break;
      case Layer.AYIYA: next = decodeAyiya(d, cur, out); break;
      case Layer.GTPU: next = decodeGtpu(d, cur, out); break;
      case Layer.NULL_LOOP: next = decodeNullLoop(d, cur, out); break;
      case Layer.SLL: next = decodeSll(d, cur, out); break;
      case Layer.SLL2: next = decodeSll2(d, cur, out); break;
      case Layer.CHDLC: next = decodeChdlc(d, cur, out); break;
      case Layer.FRELAY: next = decodeFrameRelay(d, cur, out); break;
      case Layer.IEEE80211: next = decodeIeee80211(d, cur, out); break;
      case Layer.RADIOTAP: next = decodeRadiotap(d, cur, out); break;
      case Layer.NFLOG: next = decodeNflog(d, cur, out); break;
      case Layer.FDDI: next = decodeFddi(d, cur, out); break;
      case Layer.SLIP: next = decodeSlip(d, cur, out); break;
      case Layer.IPNET: next = decodeIpnet(d, cur, out); break;
      case Layer.JUNIPER_ETHER: next = decodeJuniperEther(d, cur, out); break;
      case Layer.PKTAP: next = decodePktap(d, cur, out); break;
      case Layer.IPOIB: next = decodeIpoib(d, cur, out); break;
      case Layer.WITH_DIR: next = decodeWithDir(d, cur, out); break;
      default: out.status = DecodeStatus.MALFORMED; next = Layer.END;
    }
  }
  return out.status;
}
