import { renderProgress } from '../report/progress.js';

export interface Progress {
  onProgress: (bytesRead: number, totalBytes: number | null, packets: number) => void;
  /** Erases the bar; call before writing the report. */
  stop(): void;
}

const REDRAW_MS = 100;
/** Short runs finish before a bar would help: it only flickers. */
const SHOW_AFTER_MS = 500;

/** A progress bar on stderr, only when stderr is a terminal and not --quiet. */
export function startProgress(stream: NodeJS.WriteStream, quiet: boolean | undefined): Progress {
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  const active = !quiet && stream.isTTY === true;
  return {
    onProgress(bytesRead, totalBytes, packets) {
      if (!active) return;
      const now = Date.now();
      if (now - started < SHOW_AFTER_MS || now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      drawn = true;
      const line = renderProgress({ bytesRead, totalBytes, packets, elapsed: (now - started) / 1000 }, stream.columns ?? 80);
      stream.write(`\r${line}\u001b[K`);
    },
    stop() {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}
