import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { Layer, type Cursor } from './layer.js';

/**
 * A header needs bytes up to `need` that are not there. Past the length the
 * enclosing headers declare, the packet contradicts itself; short of it, the
 * capture cut it (snaplen or a short record).
 */
export function cut(cur: Cursor, need: number, out: DecodedPacket): Layer {
  out.status = need > cur.limit ? DecodeStatus.MALFORMED : DecodeStatus.TRUNCATED;
  return Layer.END;
}

export function stop(out: DecodedPacket, status: DecodeStatus): Layer {
  out.status = status;
  return Layer.END;
}
