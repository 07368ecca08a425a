import type { EndpointRef, Finding, ServiceSummary, Severity } from '../model/report.js';
import { serviceKey } from './side.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** What aggregation needs of a connection: Flow and FlowReport both fit. */
export interface FlowServer {
  id: number;
  server: { ip: string; port: number };
}

/**
 * Findings per service (server ip:port): the operator's "which service leaks".
 * A finding counts once for each service among its connections (or for its
 * `service` when it names one without connections); capture-wide findings
 * (no service) are left out. Worst severity first, then most findings.
 */
export function aggregateByService(findings: readonly Finding[], flows: readonly FlowServer[]): ServiceSummary[] {
  const serverOf = new Map<number, EndpointRef>();
  for (const f of flows) serverOf.set(f.id, f.server);
  const out = new Map<string, ServiceSummary & { ids: Set<number> }>();
  for (const finding of findings) {
    const services = new Map<string, EndpointRef>();
    const flowsByService = new Map<string, number[]>();
    for (const id of finding.flowIds) {
      const s = serverOf.get(id) ?? finding.service;
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
      let agg = out.get(k);
      if (agg === undefined) {
        agg = { ip: s.ip, port: s.port, worst: finding.severity, findings: {}, flows: 0, ids: new Set() };
        out.set(k, agg);
      }
      if (RANK[finding.severity] < RANK[agg.worst]) agg.worst = finding.severity;
      agg.findings[finding.id] = (agg.findings[finding.id] ?? 0) + 1;
      for (const id of flowsByService.get(k) ?? []) agg.ids.add(id);
    }
  }
  const list = [...out.values()].map(({ ids, ...s }) => ({ ...s, flows: ids.size }));
  const total = (s: ServiceSummary): number => Object.values(s.findings).reduce((a, b) => a + b, 0);
  list.sort(
    (a, b) =>
      RANK[a.worst] - RANK[b.worst] || total(b) - total(a) || a.ip.localeCompare(b.ip) || a.port - b.port,
  );
  return list;
}
