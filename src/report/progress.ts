import { formatBytes } from './bytes-text.js';

export interface ProgressState {
  bytesRead: number;
  /** Null when reading a stream of unknown size (stdin). */
  totalBytes: number | null;
  packets: number;
  /** Seconds since the work started. */
  elapsed: number;
}

/** One status line: bar, share done, bytes, packets per second, time left. */
export function renderProgress(s: ProgressState, width = 80): string {
  const rate = s.elapsed > 0 ? s.packets / s.elapsed : 0;
  const pps = `${compact(rate)} pkt/s`;
  if (s.totalBytes === null || s.totalBytes <= 0) {
    return `${formatBytes(s.bytesRead)} read  ${pps}`;
  }
  const frac = Math.min(1, s.bytesRead / s.totalBytes);
  const bytesPerSec = s.elapsed > 0 ? s.bytesRead / s.elapsed : 0;
  const left = bytesPerSec > 0 ? clock((s.totalBytes - s.bytesRead) / bytesPerSec) : '--:--';
  const info = ` ${String(Math.floor(frac * 100)).padStart(3)}%  ${formatBytes(s.bytesRead)} / ${formatBytes(s.totalBytes)}  ${pps}  ${left} left`;
  const barW = Math.max(10, Math.min(40, width - info.length - 3));
  const done = Math.round(frac * barW);
  return `[${'#'.repeat(done)}${'.'.repeat(barW - done)}]${info}`;
}

function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}

function clock(sec: number): string {
  const s = Math.max(0, Math.round(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
