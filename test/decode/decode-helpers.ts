import { decodePacket } from '../../src/decode/packet.js';
import { newDecodedPacket, type DecodedPacket, type DecodeStatus } from '../../src/model/decoded.js';
import { record, type RecordSpec } from '../helpers/packet-builder.js';

/** Decodes bytes into a fresh DecodedPacket; returns it with its status. */
export function decode(bytes: Uint8Array, spec: RecordSpec = {}): DecodedPacket & { status: DecodeStatus } {
  const out = newDecodedPacket();
  decodePacket(record(bytes, spec), out);
  return out;
}
