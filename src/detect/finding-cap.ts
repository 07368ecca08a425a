import type { Finding, Listing, OmittedFindings, Severity } from '../model/report.js';
import { SEVERITY_RANK } from '../policy/severity.js';
import { ServiceTally } from './services.js';
import { offerSmallest } from './smallest.js';

/** Findings of one kind a report lists by default (analyze --max-findings). */
export const DEFAULT_MAX_FINDINGS = 10_000;

type SeverityCounts = Record<Severity, number>;

/**
 * The findings a report lists: per kind (finding id) the `limit` earliest,
 * by start and then by everything else a finding shows, a total order that
 * does not depend on which detector or shard offered a finding first. What
 * is left out is counted by severity and by service, so the summary, the
 * exit code and "which service leaks" still count every finding. Memory then
 * follows `limit`, not a capture's length.
 */
export class FindingCap {
  private readonly kinds = new Map<string, Finding[]>();
  private readonly counts: Record<string, SeverityCounts> = {};
  private readonly services = new ServiceTally();

  /**
   * limit ≥ 1, or Infinity to list every finding. `severity` replaces the
   * detectors' severity per finding id (a config's overrides) before a
   * finding is counted, so the counts of what is left out use it too.
   */
  constructor(
    readonly limit: number,
    private readonly severity: Readonly<Record<string, Severity>> = {},
  ) {}

  offer(finding: Finding): void {
    const s = this.severity[finding.id];
    const f = s === undefined || s === finding.severity ? finding : { ...finding, severity: s };
    let heap = this.kinds.get(f.id);
    if (heap === undefined) {
      heap = [];
      this.kinds.set(f.id, heap);
    }
    const out = offerSmallest(heap, f, this.limit, capOrder);
    if (out !== undefined) this.leaveOut(out);
  }

  /** Counts what another cap left out (a shard's, or a detector's). */
  absorb(o: OmittedFindings): void {
    for (const [id, c] of Object.entries(o.counts)) {
      const mine = this.countsOf(id);
      mine.error += c.error;
      mine.warning += c.warning;
      mine.info += c.info;
    }
    this.services.absorb(o.services);
  }

  /** The findings kept, in no particular order. */
  listed(): Finding[] {
    return [...this.kinds.values()].flat();
  }

  omitted(): OmittedFindings {
    return { counts: structuredClone(this.counts), services: this.services.state() };
  }

  private leaveOut(f: Finding): void {
    this.countsOf(f.id)[f.severity]++;
    this.services.add(f);
  }

  private countsOf(id: string): SeverityCounts {
    return (this.counts[id] ??= { error: 0, warning: 0, info: 0 });
  }
}

/** Every finding listed, with the detectors' severities. */
export const LIST_ALL: Listing = { maxFindings: Infinity, severity: {} };

/** The cap a listing asks for. */
export function listingCap(l: Listing): FindingCap {
  return new FindingCap(l.maxFindings, l.severity);
}

/** `o` with its services' flow ids passed through `globalId` (a shard's local ids, which keep their order). */
export function withGlobalIds(o: OmittedFindings, globalId: (localId: number) => number): OmittedFindings {
  return { counts: o.counts, services: o.services.map((s) => ({ ...s, ids: s.ids.map(globalId) })) };
}

/** Within one kind: earliest first; the rest only breaks ties, deterministically. */
export function capOrder(a: Finding, b: Finding): number {
  return (
    a.since - b.since ||
    (a.flowIds[0] ?? 0) - (b.flowIds[0] ?? 0) ||
    cmp(a.endpoint.ip, b.endpoint.ip) ||
    a.endpoint.port - b.endpoint.port ||
    (a.frames[0] ?? 0) - (b.frames[0] ?? 0) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
