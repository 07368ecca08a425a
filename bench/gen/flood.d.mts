export interface FloodOptions {
  /** Distinct spoofed IPv4 sources, one SYN each. */
  sources: number;
  /** SYNs per second. */
  rate: number;
  seed: number;
  out: string;
  /** Share of SYNs the service answers with a SYN+ACK (default 0.5). */
  answered?: number;
}

export interface FloodSidecar {
  packets: number;
  attempts: number;
  synAcks: number;
  target: string;
  port: number;
}

export declare function generateFlood(opts: FloodOptions): FloodSidecar;
