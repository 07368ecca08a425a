import { CaptureFormatError } from '../errors.js';
import { newPacketRecord } from '../model/packet.js';
import { i64, u16, u32 } from './bytes.js';
import { Framer } from './framer.js';
import { MAX_PCAPNG_BLOCK, maxCaplenFor } from './limits.js';
import type { CaptureParser, RecordSink } from './parser.js';
import { hex32, PCAPNG_SHB_TYPE } from './sniff.js';
import { DEFAULT_TSRESOL, setPcapngTime, type TimeBase } from './timestamp.js';

const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const BLOCK_MIN = 12;
const IDB = 1;
const PB = 2; // obsolete Packet Block
const SPB = 3;
const EPB = 6;
const OPT_IF_TSRESOL = 9;
const OPT_IF_TSOFFSET = 14;

interface Iface extends TimeBase {
  linkType: number;
  snaplen: number;
  maxCaplen: number;
}

/**
 * Push parser for pcapng: any number of sections (each with its own byte
 * order and interfaces), IDB/EPB/SPB/PB read, every other block skipped by its
 * length (NRB, ISB, DSB, custom, unknown).
 */
export class PcapngParser extends Framer implements CaptureParser {
  readonly format = 'pcapng' as const;
  readonly linkTypes: number[] = [];
  recordHasTs = true;
  private le = true;
  private sections = 0;
  private ifaces: Iface[] = [];
  private readonly rec = newPacketRecord();

  constructor(
    path: string,
    private readonly sink: RecordSink,
  ) {
    super(path);
  }

  protected need(buf: Uint8Array, off: number, avail: number): number {
    if (avail < BLOCK_MIN) return BLOCK_MIN;
    let le = this.le;
    const type = u32(buf, off, le);
    if (type === PCAPNG_SHB_TYPE) {
      const bom = u32(buf, off + 8, true);
      if (bom === BYTE_ORDER_MAGIC) le = true;
      else if (u32(buf, off + 8, false) === BYTE_ORDER_MAGIC) le = false;
      else return this.bad(`section header block at byte ${this.pos} has no valid byte-order magic (${hex32(u32(buf, off + 8, false))})`);
    } else if (this.sections === 0) {
      throw new CaptureFormatError(this.path, 0, `not a pcapng file (first block type ${hex32(type)})`);
    }
    const len = u32(buf, off + 4, le);
    if (len < BLOCK_MIN || len % 4 !== 0) {
      return this.bad(`block at byte ${this.pos} has an invalid length ${len} (must be a multiple of 4, at least 12)`);
    }
    if (len > MAX_PCAPNG_BLOCK) return this.bad(`block at byte ${this.pos} claims ${len} bytes, more than the maximum of ${MAX_PCAPNG_BLOCK}`);
    return len;
  }

  protected unit(buf: Uint8Array, off: number, len: number): void {
    let type = u32(buf, off, this.le);
    if (type === PCAPNG_SHB_TYPE) {
      this.le = u32(buf, off + 8, true) === BYTE_ORDER_MAGIC;
      type = PCAPNG_SHB_TYPE;
    }
    const le = this.le;
    const trailing = u32(buf, off + len - 4, le);
    if (trailing !== len) {
      this.bad(`block at byte ${this.pos}: trailing length ${trailing} disagrees with leading length ${len}`);
      return;
    }
    switch (type) {
      case PCAPNG_SHB_TYPE:
        this.sectionHeader(buf, off, len);
        return;
      case IDB:
        this.interfaceBlock(buf, off, len);
        return;
      case EPB:
        this.packetBlock(buf, off, len, u32(buf, off + 8, le), 12);
        return;
      case PB:
        this.packetBlock(buf, off, len, u16(buf, off + 8, le), 12);
        return;
      case SPB:
        this.simplePacket(buf, off, len);
        return;
    }
  }

  protected cutShort(have: number): void {
    if (this.sections === 0) {
      throw new CaptureFormatError(this.path, have, `pcapng section header block cut short (${have} bytes)`);
    }
    this.damage(this.pos, `file cut short in the middle of a packet at byte ${this.pos}`);
  }

  private bad(message: string): -1 {
    if (this.sections === 0) throw new CaptureFormatError(this.path, this.pos, message);
    this.damage(this.pos, message);
    return -1;
  }

  private sectionHeader(buf: Uint8Array, off: number, len: number): void {
    if (len < 28) {
      this.bad(`section header block at byte ${this.pos} is too short (${len} bytes)`);
      return;
    }
    const major = u16(buf, off + 12, this.le);
    if (major !== 1) {
      this.bad(`pcapng section at byte ${this.pos} has unsupported major version ${major}`);
      return;
    }
    this.sections++;
    this.ifaces = [];
  }

  private interfaceBlock(buf: Uint8Array, off: number, len: number): void {
    if (len < 20) {
      this.bad(`interface description block at byte ${this.pos} is too short (${len} bytes)`);
      return;
    }
    const le = this.le;
    const linkType = u16(buf, off + 8, le);
    const snaplen = u32(buf, off + 12, le);
    const iface: Iface = { linkType, snaplen, maxCaplen: maxCaplenFor(snaplen), resol: DEFAULT_TSRESOL, offset: 0 };
    // Options: code, length, value padded to 4; a malformed list just ends the scan.
    const end = off + len - 4;
    let p = off + 16;
    while (p + 4 <= end) {
      const code = u16(buf, p, le);
      const olen = u16(buf, p + 2, le);
      if (code === 0 || p + 4 + olen > end) break;
      if (code === OPT_IF_TSRESOL && olen >= 1) iface.resol = buf[p + 4]!;
      else if (code === OPT_IF_TSOFFSET && olen >= 8) iface.offset = i64(buf, p + 4, le);
      p += 4 + ((olen + 3) & ~3);
    }
    this.ifaces.push(iface);
    if (!this.linkTypes.includes(linkType)) this.linkTypes.push(linkType);
  }

  /** EPB and the obsolete PB share the layout after the interface id: ts high, ts low, caplen, len, data. */
  private packetBlock(buf: Uint8Array, off: number, len: number, ifId: number, tsAt: number): void {
    const le = this.le;
    if (len < 32) {
      this.bad(`packet block at byte ${this.pos} is too short (${len} bytes)`);
      return;
    }
    const iface = this.ifaces[ifId];
    if (iface === undefined) {
      this.bad(`packet at byte ${this.pos} references interface ${ifId}, but its section defines ${this.ifaces.length}`);
      return;
    }
    const caplen = u32(buf, off + tsAt + 8, le);
    if (caplen > len - 32) {
      this.bad(`packet at byte ${this.pos} claims ${caplen} captured bytes in a ${len}-byte block`);
      return;
    }
    if (caplen > iface.maxCaplen) {
      this.bad(`packet at byte ${this.pos} claims ${caplen} captured bytes, more than the maximum of ${iface.maxCaplen}`);
      return;
    }
    const rec = this.rec;
    setPcapngTime(rec, u32(buf, off + tsAt, le), u32(buf, off + tsAt + 4, le), iface);
    rec.caplen = caplen;
    rec.origLen = u32(buf, off + tsAt + 12, le);
    rec.linkType = iface.linkType;
    rec.interfaceId = ifId;
    rec.data = buf;
    rec.offset = off + 28;
    this.recordHasTs = true;
    this.sink(rec);
  }

  private simplePacket(buf: Uint8Array, off: number, len: number): void {
    if (len < 16) {
      this.bad(`simple packet block at byte ${this.pos} is too short (${len} bytes)`);
      return;
    }
    const iface = this.ifaces[0];
    if (iface === undefined) {
      this.bad(`simple packet block at byte ${this.pos} comes before any interface description block`);
      return;
    }
    const origLen = u32(buf, off + 8, this.le);
    let caplen = Math.min(origLen, len - 16);
    if (iface.snaplen !== 0 && caplen > iface.snaplen) caplen = iface.snaplen;
    const rec = this.rec;
    rec.tsSec = 0;
    rec.tsNsec = 0;
    rec.caplen = caplen;
    rec.origLen = origLen;
    rec.linkType = iface.linkType;
    rec.interfaceId = 0;
    rec.data = buf;
    rec.offset = off + 12;
    this.recordHasTs = false;
    this.sink(rec);
  }
}
