// Types for the TypeScript tests that import the (plain JavaScript) generator.
export declare const GENERATOR_VERSION: number;

export interface GenerateOptions {
  connections: number;
  seed: number;
  /** The .pcap to write; the sidecar goes next to it (sidecarPath). */
  out: string;
  /** Connections arrive over this many seconds (default 120). */
  durationSec?: number;
  /** 2·MSL the expectations assume (default 60). */
  timeWaitSec?: number;
  snaplen?: number;
  /** Every connection closes (leaks close late, long-lived ones end): the connections open at once follow the arrival rate, not the duration. */
  bounded?: boolean;
}

/** The sidecar (FILE.expected.json); see bench/README.md for every field. */
export interface Sidecar {
  generator: string;
  generatorVersion: number;
  seed: number;
  connections: number;
  packets: number;
  fileBytes: number;
  snaplen: number;
  firstTs: number | null;
  lastTs: number | null;
  arrivalWindowSeconds: number;
  timeWaitSeconds: number;
  peakOpenConnections: number;
  /** Generated with `bounded`. */
  bounded: boolean;
  features: {
    dataRetransmissions: number;
    synRetransmissions: number;
    synAckRetransmissions: number;
    keepAlives: number;
    zeroWindowEpisodes: number;
    zeroWindowProbes: number;
    zeroWindowConnections: number;
    ipv6Connections: number;
    vlanConnections: number;
    /** "ip:port" of the SYN flood's victim. */
    floodTarget: string;
    /** "ip:port" of the service most CLOSE_WAIT leaks are on. */
    leakyService: string;
  };
  expected: {
    flows: number;
    endStates: Record<string, number>;
    timeWaitBoundary: number;
    analysis: Record<string, number>;
    closeWaitLeaks: { total: number; atLeast5s: number; atLeast60s: number };
  };
  scenarios: Record<
    string,
    {
      description: string;
      connections: number;
      packets: number;
      ipv6: number;
      vlan: number;
      expectedEndStates: { client: Record<string, number>; server: Record<string, number> };
    }
  >;
}

export declare function generateCapture(opts: GenerateOptions): Sidecar;
export declare function sidecarPath(pcapPath: string): string;
