import type { TcpStateName } from '../../model/tcp-state.js';
import type { StateSeriesData } from '../state-series.js';
import { lineChart } from './line-chart.js';

/** One colour per state, the leak states in the alarming ones. */
export const STATE_COLORS: Partial<Record<TcpStateName, string>> = {
  SYN_SENT: '#8e44ad',
  SYN_RCVD: '#d35fb7',
  ESTABLISHED: '#2c7be5',
  FIN_WAIT_1: '#e6a700',
  FIN_WAIT_2: '#f07c00',
  CLOSE_WAIT: '#d62728',
  CLOSING: '#17a2b8',
  LAST_ACK: '#8c564b',
  TIME_WAIT: '#7f8c8d',
};

/** Endpoints in each state over capture time: the CLOSE_WAIT curve that climbs is the leak. */
export function stateChart(d: StateSeriesData): string {
  const series = Object.entries(d.states).map(([name, values]) => ({
    name,
    color: STATE_COLORS[name as TcpStateName] ?? '#555',
    values: values ?? [],
  }));
  return lineChart({ title: 'Open endpoints by state', yLabel: 'endpoints', step: d.width, series });
}

/** New connection attempts against completed handshakes per second: a gap between them is a flood or an outage. */
export function rateChart(d: StateSeriesData): string {
  const perSecond = (xs: number[]): number[] => xs.map((v) => v / d.width);
  return lineChart({
    title: 'SYNs against completed handshakes',
    yLabel: 'per second',
    step: d.width,
    series: [
      { name: 'SYN/s', color: '#d62728', values: perSecond(d.syns) },
      { name: 'handshakes/s', color: '#2ca02c', values: perSecond(d.handshakes), dashed: true },
    ],
  });
}
