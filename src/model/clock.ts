/**
 * Capture time as the tracker's listeners see it: the time of the packet
 * being processed (not the latest seen; captures can step back). The tracker
 * owns one and sets it once per packet, so a listener that only needs "now"
 * when a flow ends reads it there instead of taking a call on every packet.
 */
export class PacketClock {
  /** 0 until the first packet. */
  ts = 0;
}
