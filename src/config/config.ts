import type { Thresholds } from '../detect/thresholds.js';
import type { Severity } from '../model/report.js';
import type { AllowRule } from '../policy/policy.js';

/** A validated config file (`--config`), every value already parsed. */
export interface TcpstateConfig {
  /** As --threshold would set them; the command line wins over the file. */
  thresholds: Partial<Thresholds>;
  /** Per-finding-id severity overrides. */
  severity: Record<string, Severity>;
  /** The gate's level when --fail-on is not given. */
  failOn?: Severity;
  allow: AllowRule[];
}

/** The top-level keys a config may have; anything else is a typo that must not pass a gate silently. */
export const CONFIG_KEYS = ['thresholds', 'severity', 'failOn', 'allow'] as const;
