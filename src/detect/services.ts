import type { EndpointRef, Finding, ServiceSummary, ServiceTallyState, Severity } from '../model/report.js';
import { SEVERITY_RANK } from '../policy/severity.js';
import { FlowIdBag } from './flow-id-bag.js';
import { serviceKey } from './side.js';

/** What aggregation needs of a connection: Flow and FlowReport both fit. */
export interface FlowServer {
  id: number;
  server: { ip: string; port: number };
}

interface Tally {
  ip: string;
  port: number;
  worst: Severity;
  findings: Record<string, number>;
  ids: FlowIdBag;
}

/**
 * Findings per service (server ip:port): the operator's "which service leaks".
 * A finding counts once for each service among its connections (or for its
 * `service` when it names one without connections); capture-wide findings
 * (no service) are left out. Tallies merge (absorb), so findings a capped
 * report does not list still count.
 */
export class ServiceTally {
  private readonly byKey = new Map<string, Tally>();

  constructor(private readonly serverOf: ReadonlyMap<number, EndpointRef> = new Map()) {}

  add(finding: Finding): void {
    const services = new Map<string, EndpointRef>();
    const flowsByService = new Map<string, number[]>();
    for (const id of finding.flowIds) {
      const s = this.serverOf.get(id) ?? finding.service;
      if (s === undefined) continue;
      const k = serviceKey(s.ip, s.port);
      services.set(k, s);
      const list = flowsByService.get(k) ?? [];
      list.push(id);
      flowsByService.set(k, list);
    }
    if (services.size === 0 && finding.service !== undefined) {
      services.set(serviceKey(finding.service.ip, finding.service.port), finding.service);
    }
    for (const [k, s] of services) {
      const t = this.tally(k, s.ip, s.port, finding.severity);
      t.findings[finding.id] = (t.findings[finding.id] ?? 0) + 1;
      for (const id of flowsByService.get(k) ?? []) t.ids.add(id);
    }
  }

  absorb(states: readonly ServiceTallyState[]): void {
    for (const s of states) {
      const t = this.tally(serviceKey(s.ip, s.port), s.ip, s.port, s.worst);
      for (const [id, n] of Object.entries(s.findings)) t.findings[id] = (t.findings[id] ?? 0) + n;
      for (const id of s.ids) t.ids.add(id);
    }
  }

  state(): ServiceTallyState[] {
    return [...this.byKey.values()].map((t) => ({ ...t, findings: { ...t.findings }, ids: t.ids.distinct() }));
  }

  /** Worst severity first, then most findings. */
  summaries(): ServiceSummary[] {
    const list = [...this.byKey.values()].map(({ ids, ...t }) => ({ ...t, findings: { ...t.findings }, flows: ids.size }));
    const total = (s: ServiceSummary): number => Object.values(s.findings).reduce((a, b) => a + b, 0);
    list.sort((a, b) => SEVERITY_RANK[a.worst] - SEVERITY_RANK[b.worst] || total(b) - total(a) || a.ip.localeCompare(b.ip) || a.port - b.port);
    return list;
  }

  private tally(k: string, ip: string, port: number, severity: Severity): Tally {
    let t = this.byKey.get(k);
    if (t === undefined) {
      t = { ip, port, worst: severity, findings: {}, ids: new FlowIdBag() };
      this.byKey.set(k, t);
    } else if (SEVERITY_RANK[severity] < SEVERITY_RANK[t.worst]) t.worst = severity;
    return t;
  }
}

/** Every finding's tally at once (flows: the connections' servers, for findings that name several). */
export function aggregateByService(findings: readonly Finding[], flows: readonly FlowServer[]): ServiceSummary[] {
  const t = new ServiceTally(new Map(flows.map((f) => [f.id, f.server])));
  for (const f of findings) t.add(f);
  return t.summaries();
}
