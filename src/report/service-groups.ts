import type { EndpointRef, Finding, FlowReport, Report, Severity } from '../model/report.js';
import { endpointText } from './endpoint-text.js';

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The findings of one service (server ip:port), or the capture-wide ones (service null). */
export interface ServiceGroup {
  service: EndpointRef | null;
  label: string;
  worst: Severity;
  findings: Finding[];
  /** Distinct connections those findings name. */
  flowIds: number[];
}

/** Worst first, then longest: the order an incident is read in. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    b.duration - a.duration ||
    a.since - b.since ||
    a.id.localeCompare(b.id)
  );
}

/** Which service a finding belongs to: its own, else its first connection's server. */
export function serviceOf(f: Finding, flowsById: ReadonlyMap<number, FlowReport>): EndpointRef | null {
  if (f.service) return f.service;
  for (const id of f.flowIds) {
    const flow = flowsById.get(id);
    if (flow) return { ip: flow.server.ip, port: flow.server.port };
  }
  return null;
}

export function flowsById(report: Report): Map<number, FlowReport> {
  return new Map(report.flows.map((f) => [f.id, f]));
}

/** Findings grouped per service: worst severity first, then most findings; capture-wide ones last. */
export function groupByService(report: Report): ServiceGroup[] {
  const byId = flowsById(report);
  const groups = new Map<string, ServiceGroup>();
  for (const f of report.findings) {
    const service = serviceOf(f, byId);
    const label = service ? endpointText(service.ip, service.port) : 'capture-wide';
    let g = groups.get(label);
    if (!g) {
      g = { service, label, worst: f.severity, findings: [], flowIds: [] };
      groups.set(label, g);
    }
    g.findings.push(f);
    if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[g.worst]) g.worst = f.severity;
  }
  const list = [...groups.values()];
  for (const g of list) {
    g.findings.sort(compareFindings);
    g.flowIds = [...new Set(g.findings.flatMap((f) => f.flowIds))].sort((a, b) => a - b);
  }
  list.sort(
    (a, b) =>
      Number(a.service === null) - Number(b.service === null) ||
      SEVERITY_RANK[a.worst] - SEVERITY_RANK[b.worst] ||
      b.findings.length - a.findings.length ||
      a.label.localeCompare(b.label),
  );
  return list;
}

/** "3 errors, 1 warning" for a list of findings. */
export function severityCounts(findings: readonly Finding[]): string {
  const n: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) n[f.severity]++;
  const parts: string[] = [];
  if (n.error) parts.push(`${n.error} error${n.error === 1 ? '' : 's'}`);
  if (n.warning) parts.push(`${n.warning} warning${n.warning === 1 ? '' : 's'}`);
  if (n.info) parts.push(`${n.info} info`);
  return parts.join(', ');
}
