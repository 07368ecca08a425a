import { closeSync, openSync, writeSync } from 'node:fs';
import type { TrackerListener } from '../model/events.js';
import type { Report } from '../model/report.js';
import { InputError } from '../errors.js';
import { renderHtml } from '../report/html.js';
import { LadderStore } from '../report/ladder-store.js';
import { renderMarkdown } from '../report/markdown.js';
import { NdjsonFlowWriter, renderNdjsonSummary } from '../report/ndjson.js';
import { StateSeries } from '../report/state-series.js';
import { VERSION } from './version.js';

/** The postmortem and streaming formats, whose data is collected while the capture is read. */
export const EXTRA_FORMATS = ['markdown', 'html', 'ndjson'] as const;
export type ExtraFormat = (typeof EXTRA_FORMATS)[number];

export function isExtraFormat(f: string): f is ExtraFormat {
  return (EXTRA_FORMATS as readonly string[]).includes(f);
}

export interface FormatPlan {
  /** Collectors to hand to analyze(). */
  listeners: TrackerListener[];
  /** The rest of the output once the report is built (for ndjson: only the summary line). */
  finish(report: Report): string;
  /** ndjson has written its flows already and must append to the same file. */
  close(): void;
}

export function planFormat(format: ExtraFormat, outputPath: string | undefined): FormatPlan {
  if (format === 'ndjson') return ndjsonPlan(outputPath);
  const ladders = new LadderStore();
  const series = format === 'html' ? new StateSeries() : undefined;
  return {
    listeners: series ? [ladders, series] : [ladders],
    finish: (report) =>
      format === 'html'
        ? renderHtml(report, { ladders: (id) => ladders.timeline(id), series: series!.data(), version: VERSION })
        : renderMarkdown(report, { ladders: (id) => ladders.timeline(id) }),
    close() {},
  };
}

/**
 * Flows go out as they end, synchronously, so that a capture with millions
 * of connections never queues them in memory behind a slow reader.
 */
function ndjsonPlan(outputPath: string | undefined): FormatPlan {
  let fd = 1;
  if (outputPath !== undefined) {
    try {
      fd = openSync(outputPath, 'w');
    } catch (e) {
      throw new InputError(outputPath, `cannot write: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
  let broken = false;
  const write = (line: string): void => {
    if (broken) return;
    try {
      writeAll(fd, line);
    } catch (e) {
      // A closed pipe (`| head`) is the reader's choice; keep analysing silently.
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') broken = true;
      else throw e;
    }
  };
  return {
    listeners: [new NdjsonFlowWriter(write)],
    finish(report) {
      write(renderNdjsonSummary(report));
      return '';
    },
    close() {
      if (fd !== 1) closeSync(fd);
    },
  };
}

/** Every byte, even through a non-blocking pipe whose reader is slower than us (partial writes, EAGAIN). */
function writeAll(fd: number, line: string): void {
  const buf = Buffer.from(line);
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}
