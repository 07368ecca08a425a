import type { TcpstateConfig } from '../config/config.js';
import { loadConfig } from '../config/load.js';
import { parseThresholdOverride, type Thresholds } from '../detect/thresholds.js';

/** `--config FILE`, shared by analyze and check: undefined without the option. */
export async function loadConfigOption(path: string | undefined): Promise<TcpstateConfig | undefined> {
  return path === undefined ? undefined : loadConfig(path);
}

/** The config's thresholds with --threshold on top: the command line is the more specific. */
export function mergedThresholds(config: TcpstateConfig | undefined, specs: string[]): Partial<Thresholds> {
  const out: Partial<Thresholds> = { ...(config?.thresholds ?? {}) };
  for (const spec of specs) {
    const { key, value } = parseThresholdOverride(spec);
    out[key] = value as never;
  }
  return out;
}
