import type { Flow } from '../model/flow.js';
import type { TimelineHeader } from './timeline-row.js';

export function timelineHeader(flow: Flow): TimelineHeader {
  return {
    flowId: flow.id,
    client: { ip: flow.client.ip, port: flow.client.port },
    server: { ip: flow.server.ip, port: flow.server.port },
    firstTs: flow.firstTs,
    lastTs: flow.lastTs,
    connState: flow.connState,
    history: flow.history,
    partial: flow.partial,
  };
}
