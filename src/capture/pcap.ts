import { CaptureFormatError } from '../errors.js';
import { newPacketRecord } from '../model/packet.js';
import { u16, u32 } from './bytes.js';
import { Framer } from './framer.js';
import { maxCaplenFor } from './limits.js';
import type { CaptureParser, RecordSink } from './parser.js';
import { PCAP_MAGIC_MODIFIED, PCAP_MAGIC_NSEC, PCAP_MAGIC_USEC, hex32 } from './sniff.js';

const FILE_HEADER = 24;

/** How a pre-2.4 writer laid out incl_len/orig_len (Wireshark's lengths_swapped). */
const enum LengthOrder {
  NORMAL,
  /** Before 2.3 the two fields were the other way round. */
  SWAPPED,
  /** 2.3 files exist in both layouts: swap when incl_len > orig_len. */
  MAYBE_SWAPPED,
}

/** Push parser for classic libpcap files (µs, ns and the modified variant, either byte order). */
export class PcapParser extends Framer implements CaptureParser {
  readonly format = 'pcap' as const;
  readonly linkTypes: number[] = [];
  readonly recordHasTs = true;
  snaplen = 0;
  private le = true;
  private nano = false;
  private recHeader = 16;
  private lengthOrder = LengthOrder.NORMAL;
  private linkType = 0;
  private maxCaplen = 0;
  private headerDone = false;
  private readonly rec = newPacketRecord();

  constructor(
    path: string,
    private readonly sink: RecordSink,
  ) {
    super(path);
  }

  protected need(buf: Uint8Array, off: number, avail: number): number {
    if (!this.headerDone) return FILE_HEADER;
    const h = this.recHeader;
    if (avail < h) return h;
    const caplen = this.caplenAt(buf, off);
    if (caplen > this.maxCaplen) {
      this.damage(this.pos, `record at byte ${this.pos} claims ${caplen} captured bytes, more than the maximum of ${this.maxCaplen}`);
      return -1;
    }
    return h + caplen;
  }

  protected unit(buf: Uint8Array, off: number, len: number): void {
    if (!this.headerDone) {
      this.fileHeader(buf, off);
      return;
    }
    const le = this.le;
    const rec = this.rec;
    const caplen = len - this.recHeader;
    rec.tsSec = u32(buf, off, le);
    const frac = u32(buf, off + 4, le);
    rec.tsNsec = this.nano ? frac : frac * 1000;
    rec.caplen = caplen;
    rec.origLen = this.lengthOrder === LengthOrder.NORMAL ? u32(buf, off + 12, le) : this.origLenSwapAware(buf, off);
    rec.data = buf;
    rec.offset = off + this.recHeader;
    this.sink(rec);
  }

  protected cutShort(have: number): void {
    if (!this.headerDone) {
      throw new CaptureFormatError(this.path, have, `pcap file header cut short (${have} of ${FILE_HEADER} bytes)`);
    }
    this.damage(this.pos, `file cut short in the middle of a packet at byte ${this.pos}`);
  }

  private caplenAt(buf: Uint8Array, off: number): number {
    const a = u32(buf, off + 8, this.le);
    if (this.lengthOrder === LengthOrder.NORMAL) return a;
    const b = u32(buf, off + 12, this.le);
    if (this.lengthOrder === LengthOrder.SWAPPED) return b;
    return a > b ? b : a;
  }

  private origLenSwapAware(buf: Uint8Array, off: number): number {
    const a = u32(buf, off + 8, this.le);
    const b = u32(buf, off + 12, this.le);
    if (this.lengthOrder === LengthOrder.SWAPPED) return a;
    return a > b ? a : b;
  }

  private fileHeader(buf: Uint8Array, off: number): void {
    const magicLe = u32(buf, off, true);
    const magicBe = u32(buf, off, false);
    let magic: number;
    if (magicLe === PCAP_MAGIC_USEC || magicLe === PCAP_MAGIC_NSEC || magicLe === PCAP_MAGIC_MODIFIED) {
      this.le = true;
      magic = magicLe;
    } else if (magicBe === PCAP_MAGIC_USEC || magicBe === PCAP_MAGIC_NSEC || magicBe === PCAP_MAGIC_MODIFIED) {
      this.le = false;
      magic = magicBe;
    } else {
      throw new CaptureFormatError(this.path, 0, `not a pcap file (magic ${hex32(magicBe)})`);
    }
    this.nano = magic === PCAP_MAGIC_NSEC;
    this.recHeader = magic === PCAP_MAGIC_MODIFIED ? 24 : 16;
    const major = u16(buf, off + 4, this.le);
    const minor = u16(buf, off + 6, this.le);
    if (major < 2) throw new CaptureFormatError(this.path, 4, `pcap major version ${major} unsupported`);
    // Wireshark's rules for writers older than 2.4 (and DG/UX's 543.0).
    if ((major === 2 && minor < 3) || major === 543) this.lengthOrder = LengthOrder.SWAPPED;
    else if (major === 2 && minor === 3) this.lengthOrder = LengthOrder.MAYBE_SWAPPED;
    // snaplen 0 means "unknown" (Wireshark reads such files normally); it only ever widens the limit.
    this.snaplen = u32(buf, off + 16, this.le);
    this.maxCaplen = maxCaplenFor(this.snaplen);
    // The upper bits hold the FCS length; the link type is what remains.
    this.linkType = u32(buf, off + 20, this.le) & 0x03ffffff;
    this.linkTypes.push(this.linkType);
    this.rec.linkType = this.linkType;
    this.rec.interfaceId = 0;
    this.headerDone = true;
  }
}
