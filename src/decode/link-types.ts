import { Layer } from './layer.js';

/** LINKTYPE_* values (tcpdump.org/linktypes.html) that name a decoder here. */
export const LinkType = {
  NULL: 0,
  ETHERNET: 1,
  ARCNET_BSD: 7,
  SLIP: 8,
  PPP: 9,
  FDDI: 10,
  /** DLT_ATM_RFC1483 written as is by some systems (LINKTYPE_ATM_RFC1483 is 100). */
  ATM_RFC1483_DLT: 11,
  /** DLT_RAW on most BSDs and on OpenBSD: both mean raw IP in files. */
  RAW_DLT12: 12,
  RAW_DLT14: 14,
  LINUX_ATM_CLIP: 19,
  PPP_HDLC: 50,
  PPP_ETHER: 51,
  ATM_RFC1483: 100,
  RAW: 101,
  C_HDLC: 104,
  IEEE802_11: 105,
  FRELAY: 107,
  LOOP: 108,
  LINUX_SLL: 113,
  IEEE802_11_RADIOTAP: 127,
  ARCNET_LINUX: 129,
  JUNIPER_ETHER: 178,
  PPP_WITH_DIR: 204,
  C_HDLC_WITH_DIR: 205,
  FRELAY_WITH_DIR: 206,
  IPNET: 226,
  IPV4: 228,
  IPV6: 229,
  NFLOG: 239,
  IPOIB: 242,
  PKTAP: 258,
  LINUX_SLL2: 276,
} as const;

/** tcpdump.org names without the LINKTYPE_ prefix, for the report and messages. */
const NAMES: ReadonlyMap<number, string> = new Map<number, string>([
  [0, 'NULL'], [1, 'ETHERNET'], [3, 'AX25'], [6, 'IEEE802_5'], [7, 'ARCNET_BSD'], [8, 'SLIP'],
  [9, 'PPP'], [10, 'FDDI'], [11, 'ATM_RFC1483'], [12, 'RAW'], [14, 'RAW'], [19, 'LINUX_ATM_CLIP'],
  [50, 'PPP_HDLC'], [51, 'PPP_ETHER'], [100, 'ATM_RFC1483'], [101, 'RAW'], [104, 'C_HDLC'],
  [105, 'IEEE802_11'], [107, 'FRELAY'], [108, 'LOOP'], [113, 'LINUX_SLL'], [114, 'LTALK'],
  [117, 'PFLOG'], [119, 'IEEE802_11_PRISM'], [122, 'IP_OVER_FC'], [123, 'SUNATM'],
  [127, 'IEEE802_11_RADIOTAP'], [129, 'ARCNET_LINUX'], [138, 'APPLE_IP_OVER_IEEE1394'],
  [139, 'MTP2_WITH_PHDR'], [140, 'MTP2'], [141, 'MTP3'], [142, 'SCCP'], [143, 'DOCSIS'],
  [144, 'LINUX_IRDA'], [147, 'USER0'], [148, 'USER1'], [149, 'USER2'], [150, 'USER3'],
  [151, 'USER4'], [152, 'USER5'], [153, 'USER6'], [154, 'USER7'], [155, 'USER8'], [156, 'USER9'],
  [157, 'USER10'], [158, 'USER11'], [159, 'USER12'], [160, 'USER13'], [161, 'USER14'],
  [162, 'USER15'], [163, 'IEEE802_11_AVS'], [165, 'BACNET_MS_TP'], [166, 'PPP_PPPD'],
  [169, 'GPRS_LLC'], [170, 'GPF_T'], [171, 'GPF_F'], [177, 'LINUX_LAPD'], [178, 'JUNIPER_ETHER'],
  [182, 'MFR'], [187, 'BLUETOOTH_HCI_H4'], [189, 'USB_LINUX'], [192, 'PPI'],
  [195, 'IEEE802_15_4_WITHFCS'], [196, 'SITA'], [197, 'ERF'], [201, 'BLUETOOTH_HCI_H4_WITH_PHDR'],
  [202, 'AX25_KISS'], [203, 'LAPD'], [204, 'PPP_WITH_DIR'], [205, 'C_HDLC_WITH_DIR'],
  [206, 'FRELAY_WITH_DIR'], [207, 'LAPB_WITH_DIR'], [209, 'IPMB_LINUX'], [210, 'FLEXRAY'],
  [212, 'LIN'], [215, 'IEEE802_15_4_NONASK_PHY'], [220, 'USB_LINUX_MMAPPED'], [224, 'FC_2'],
  [225, 'FC_2_WITH_FRAME_DELIMS'], [226, 'IPNET'], [227, 'CAN_SOCKETCAN'], [228, 'IPV4'],
  [229, 'IPV6'], [230, 'IEEE802_15_4_NOFCS'], [231, 'DBUS'], [235, 'DVB_CI'], [236, 'MUX27010'],
  [237, 'STANAG_5066_D_PDU'], [239, 'NFLOG'], [240, 'NETANALYZER'], [241, 'NETANALYZER_TRANSPARENT'],
  [242, 'IPOIB'], [243, 'MPEG_2_TS'], [244, 'NG40'], [245, 'NFC_LLCP'], [247, 'INFINIBAND'],
  [248, 'SCTP'], [249, 'USBPCAP'], [250, 'RTAC_SERIAL'], [251, 'BLUETOOTH_LE_LL'], [253, 'NETLINK'],
  [254, 'BLUETOOTH_LINUX_MONITOR'], [255, 'BLUETOOTH_BREDR_BB'], [256, 'BLUETOOTH_LE_LL_WITH_PHDR'],
  [257, 'PROFIBUS_DL'], [258, 'PKTAP'], [259, 'EPON'], [260, 'IPMI_HPM_2'], [261, 'ZWAVE_R1_R2'],
  [262, 'ZWAVE_R3'], [263, 'WATTSTOPPER_DLM'], [264, 'ISO_14443'], [265, 'RDS'], [266, 'USB_DARWIN'],
  [268, 'SDLC'], [270, 'LORATAP'], [271, 'VSOCK'], [272, 'NORDIC_BLE'], [273, 'DOCSIS31_XRA31'],
  [274, 'ETHERNET_MPACKET'], [275, 'DISPLAYPORT_AUX'], [276, 'LINUX_SLL2'], [278, 'OPENVIZSLA'],
  [279, 'EBHSCR'], [280, 'VPP_DISPATCH'], [281, 'DSA_TAG_BRCM'], [282, 'DSA_TAG_BRCM_PREPEND'],
  [283, 'IEEE802_15_4_TAP'], [284, 'DSA_TAG_DSA'], [285, 'DSA_TAG_EDSA'], [286, 'ELEE'],
  [287, 'Z_WAVE_SERIAL'], [288, 'USB_2_0'], [289, 'ATSC_ALP'], [290, 'ETW'], [292, 'ZBOSS_NCP'],
  [293, 'USB_2_0_LOW_SPEED'], [294, 'USB_2_0_FULL_SPEED'], [295, 'USB_2_0_HIGH_SPEED'],
  [296, 'AUERSWALD_LOG'], [297, 'ZWAVE_TAP'], [298, 'SILABS_DEBUG_CHANNEL'], [299, 'FIRA_UCI'],
  [300, 'MDB'], [301, 'DECT_NR'],
]);

export function linkTypeName(linkType: number): string {
  return NAMES.get(linkType) ?? `LINKTYPE_${linkType}`;
}

/** The first layer to decode for a link type; Layer.END when there is no decoder. */
export function layerForLinkType(linkType: number): Layer {
  switch (linkType) {
    case LinkType.NULL:
    case LinkType.LOOP:
      return Layer.NULL_LOOP;
    case LinkType.ETHERNET:
      return Layer.ETHERNET;
    case LinkType.ARCNET_BSD:
    case LinkType.ARCNET_LINUX:
      return Layer.ARCNET;
    case LinkType.SLIP:
      return Layer.SLIP;
    case LinkType.PPP:
      return Layer.PPP;
    case LinkType.FDDI:
      return Layer.FDDI;
    case LinkType.ATM_RFC1483_DLT:
    case LinkType.ATM_RFC1483:
    case LinkType.LINUX_ATM_CLIP:
      return Layer.LLC;
    case LinkType.RAW_DLT12:
    case LinkType.RAW_DLT14:
    case LinkType.RAW:
      return Layer.IP_ANY;
    case LinkType.PPP_HDLC:
      return Layer.PPP_HDLC;
    case LinkType.PPP_ETHER:
      return Layer.PPPOE;
    case LinkType.C_HDLC:
      return Layer.CHDLC;
    case LinkType.IEEE802_11:
      return Layer.IEEE80211;
    case LinkType.FRELAY:
      return Layer.FRELAY;
    case LinkType.LINUX_SLL:
      return Layer.SLL;
    case LinkType.IEEE802_11_RADIOTAP:
      return Layer.RADIOTAP;
    case LinkType.JUNIPER_ETHER:
      return Layer.JUNIPER_ETHER;
    case LinkType.PPP_WITH_DIR:
    case LinkType.C_HDLC_WITH_DIR:
    case LinkType.FRELAY_WITH_DIR:
      return Layer.WITH_DIR;
    case LinkType.IPNET:
      return Layer.IPNET;
    case LinkType.IPV4:
      return Layer.IPV4;
    case LinkType.IPV6:
      return Layer.IPV6;
    case LinkType.NFLOG:
      return Layer.NFLOG;
    case LinkType.IPOIB:
      return Layer.IPOIB;
    case LinkType.PKTAP:
      return Layer.PKTAP;
    case LinkType.LINUX_SLL2:
      return Layer.SLL2;
    default:
      return Layer.END;
  }
}

export function isSupportedLinkType(linkType: number): boolean {
  return layerForLinkType(linkType) !== Layer.END;
}
