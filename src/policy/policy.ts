import type { Severity } from '../model/report.js';
import type { IpNet } from '../select/ip-net.js';

/** An ip:port as big-endian words (decode/address.ts), compared by value so any IPv6 spelling matches. */
export interface SocketAddress {
  version: 4 | 6;
  words: Uint32Array;
  port: number;
}

export type AllowSelector =
  /** The finding's service (server ip:port); findings naming no service are matched by their endpoint. */
  | { kind: 'service'; address: SocketAddress; text: string }
  /** The endpoint the finding holds responsible. */
  | { kind: 'endpoint'; address: SocketAddress; text: string }
  /** The responsible endpoint's or the service's address lies in the block. */
  | { kind: 'cidr'; net: IpNet; text: string };

/** One allow-list entry: findings of this id matching the selector do not fail the gate. */
export interface AllowRule {
  finding: string;
  selector: AllowSelector;
  reason: string;
}

/**
 * What decides that a report fails a gate, kept apart from detection
 * (DESIGN.md §6): detectors say what happened, the policy says what is an error.
 */
export interface Policy {
  failOn: Severity;
  /** Ids that fail the gate whatever their severity. */
  failOnFindings: readonly string[];
  /** Per-finding-id severity replacing the detector's. */
  severity: Readonly<Record<string, Severity>>;
  allow: readonly AllowRule[];
}

export const DEFAULT_POLICY: Policy = Object.freeze({ failOn: 'error', failOnFindings: [], severity: {}, allow: [] });
