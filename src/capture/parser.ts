import type { CaptureFormat } from '../model/capture.js';
import type { PacketRecord } from '../model/packet.js';
import type { CaptureWarning } from '../model/capture.js';

/** Receives every record; the record object and its bytes are reused afterwards. */
export type RecordSink = (rec: PacketRecord) => void;

/** What open.ts and merge.ts need from either push parser. */
export interface CaptureParser {
  readonly format: CaptureFormat;
  readonly warnings: CaptureWarning[];
  /** Distinct link types from the file header or IDBs, in order of appearance. */
  readonly linkTypes: number[];
  /** Damage was found; further input is ignored. */
  readonly stopped: boolean;
  /** False while delivering a record that carries no time stamp (pcapng SPB). */
  readonly recordHasTs: boolean;
  push(chunk: Uint8Array): void;
  /** Throws CaptureFormatError if the input ended before a usable file header. */
  end(): void;
}
