import type { Finding, OmittedFindings } from '../model/report.js';
import { FindingCap } from './finding-cap.js';

/**
 * What a per-connection detector reports, from the end of a connection on.
 * A note whose finding no longer depends on anything (its flow ended before
 * the capture did) is written at once and goes to a FindingCap, which keeps
 * the earliest findings of the kind and counts the rest: memory follows the
 * open connections and the cap, not the capture's length. A note whose
 * finding depends on when the capture ended (still open then) waits for
 * findings(), which knows.
 */
export class PendingFindings<T> {
  private readonly written: FindingCap;
  /** Notes of connections still open when the capture ended. */
  readonly atEnd: T[] = [];

  constructor(
    /** The note's finding, null to leave it out; `lastTs` (the capture's end) only for notes in atEnd, NaN otherwise. */
    private readonly write: (note: T, lastTs: number) => Finding | null,
    cap?: FindingCap,
  ) {
    this.written = cap ?? new FindingCap(Infinity);
  }

  /** A note whose finding is final: written now. Returns whether it made one. */
  settle(note: T): boolean {
    const f = this.write(note, NaN);
    if (f === null) return false;
    this.written.offer(f);
    return true;
  }

  /** A note of a connection the capture's end left open: written by findings(). */
  keepToEnd(note: T): void {
    this.atEnd.push(note);
  }

  /** The findings kept so far and those of the notes kept to the end. */
  findings(lastTs: number): Finding[] {
    const out = this.written.listed();
    for (const n of this.atEnd) {
      const f = this.write(n, lastTs);
      if (f !== null) out.push(f);
    }
    return out;
  }

  omitted(): OmittedFindings {
    return this.written.omitted();
  }
}
