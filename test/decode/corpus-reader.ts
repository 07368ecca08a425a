/**
 * A deliberately tiny capture reader for the decoder's corpus tests, so they
 * do not depend on src/capture: classic pcap (either byte order, µs/ns, the
 * "modified" variant), pcapng (SHB byte order, IDB link types, EPB/SPB/OPB)
 * and gzip. It stops quietly at the first damaged record.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { PacketRecord } from '../../src/model/packet.js';

export function readCapture(path: string, onRecord: (rec: PacketRecord) => void): { format: string; records: number } {
  let buf = readFileSync(path) as Uint8Array;
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch {
      return { format: 'gzip-damaged', records: 0 };
    }
  }
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const rec: PacketRecord = { data: buf, offset: 0, caplen: 0, origLen: 0, tsSec: 0, tsNsec: 0, linkType: 0, interfaceId: 0 };
  if (buf.length < 24) return { format: 'short', records: 0 };
  const magicBE = dv.getUint32(0, false);
  let n = 0;
  const emit = (off: number, caplen: number, origLen: number, linkType: number): boolean => {
    if (off + caplen > buf.length || caplen < 0) return false;
    rec.data = buf.subarray(off, off + caplen);
    rec.caplen = caplen;
    rec.origLen = origLen;
    rec.linkType = linkType;
    n++;
    onRecord(rec);
    return true;
  };
  if (magicBE === 0x0a0d0d0a) {
    let off = 0;
    let le = true;
    let links: number[] = [];
    while (off + 12 <= buf.length) {
      if (dv.getUint32(off, false) === 0x0a0d0d0a) {
        le = dv.getUint32(off + 8, true) === 0x1a2b3c4d;
        links = [];
      }
      const type = dv.getUint32(off, le);
      const len = dv.getUint32(off + 4, le);
      if (len < 12 || off + len > buf.length) break;
      if (type === 1) links.push(dv.getUint16(off + 8, le));
      else if (type === 6 && len >= 32) {
        const ifc = dv.getUint32(off + 8, le);
        const cap = dv.getUint32(off + 20, le);
        if (cap > len - 32) break;
        rec.interfaceId = ifc;
        if (!emit(off + 28, cap, dv.getUint32(off + 24, le), links[ifc] ?? -1)) break;
      } else if (type === 3 && len >= 16) {
        const orig = dv.getUint32(off + 8, le);
        if (!emit(off + 12, Math.min(orig, len - 16), orig, links[0] ?? -1)) break;
      } else if (type === 2 && len >= 32) {
        const ifc = dv.getUint16(off + 8, le);
        const cap = dv.getUint32(off + 20, le);
        if (cap > len - 32) break;
        if (!emit(off + 28, cap, dv.getUint32(off + 24, le), links[ifc] ?? -1)) break;
      }
      off += len;
    }
    return { format: 'pcapng', records: n };
  }
  let le: boolean;
  let recHeader = 16;
  if (magicBE === 0xa1b2c3d4 || magicBE === 0xa1b23c4d || magicBE === 0xa1b2cd34) le = false;
  else if (magicBE === 0xd4c3b2a1 || magicBE === 0x4d3cb2a1 || magicBE === 0x34cdb2a1) le = true;
  else return { format: 'unknown', records: 0 };
  if (dv.getUint32(0, le) === 0xa1b2cd34) recHeader = 24;
  const linkType = dv.getUint32(20, le) & 0x0fffffff;
  let off = 24;
  while (off + recHeader <= buf.length) {
    const cap = dv.getUint32(off + 8, le);
    const orig = dv.getUint32(off + 12, le);
    if (cap > 262144 * 4) break;
    rec.tsSec = dv.getUint32(off, le);
    if (!emit(off + recHeader, cap, orig, linkType)) break;
    off += recHeader + cap;
  }
  return { format: 'pcap', records: n };
}
