import { Command, Option } from 'commander';
import { addJobsOption } from './jobs-option.js';
import { analyze, analyzeSpilled, type AnalyzeOptions } from '../analyze.js';
import { UsageError } from '../errors.js';
import type { CheckVerdict } from '../model/check.js';
import type { Report, Severity } from '../model/report.js';
import { didYouMean } from '../config/did-you-mean.js';
import { applyPolicy } from '../policy/apply.js';
import { findingIds, isFindingId } from '../policy/finding-ids.js';
import type { Policy } from '../policy/policy.js';
import { SEVERITIES } from '../policy/severity.js';
import { renderCheckJsonChunks } from '../report/check-json.js';
import { renderCheckText } from '../report/check-text.js';
import { renderGithub } from '../report/github.js';
import { renderJunit } from '../report/junit.js';
import { loadConfigOption, mergedThresholds } from './config-option.js';
import { ExitCode } from './exit-codes.js';
import { emit, emitChunks } from './output.js';
import { startProgress } from './progress.js';
import { collect } from './select-options.js';

const FORMATS = ['text', 'json', 'junit', 'github'] as const;

/** json is written in pieces (renderCheckJsonChunks); these are small enough to be one string. */
const RENDERERS: Record<Exclude<(typeof FORMATS)[number], 'json'>, (r: Report, v: CheckVerdict) => string> = {
  text: renderCheckText,
  junit: renderJunit,
  github: renderGithub,
};

interface CheckFlags {
  failOn?: Severity;
  failOnFinding: string[];
  threshold: string[];
  config?: string;
  format: (typeof FORMATS)[number];
  output?: string;
  quiet?: boolean;
  jobs?: number;
}

const CHECK_HELP = `
Exit codes:
  0  no finding at or above the failing severity (nor of a --fail-on-finding id),
     allowed findings excepted
  1  at least one such finding
  2  usage error: unknown option, bad --threshold, unknown finding id,
     invalid or unreadable --config file
  3  unreadable or unsupported capture

The report (every format) is written before the exit code is set, and is
byte-identical for the same captures and options.

Config file (--config, JSON; every key optional, unknown keys are errors):
  { "thresholds": { "close-wait": "30s" },
    "severity":   { "connection-reset": "info" },
    "failOn":     "warning",
    "allow": [ { "finding": "close-wait-stuck", "service": "10.0.0.5:8080",
                 "reason": "known leak, JIRA-123" } ] }
  An allow entry names a finding id, exactly one of "service" (ip:port),
  "endpoint" (ip:port) or "cidr" (block holding the endpoint or the service),
  and a reason. --fail-on and --threshold override the file.`;

/**
 * `tcpstate check`: the CI gate. Everything the command line or the config
 * can get wrong is checked before the captures are read, so a typo costs no
 * analysis time and always exits 2, never 3.
 */
export function checkCommand(setExitCode: (code: number) => void): Command {
  return addJobsOption(new Command('check'))
    .description('CI gate: exit 1 when the captures hold findings at or above a severity')
    .argument('<files...>', 'pcap or pcapng files (gzip allowed), analysed as one capture; - reads stdin')
    .addOption(new Option('--fail-on <severity>', 'fail on findings at or above this severity (default: error, or failOn from --config)').choices([...SEVERITIES]))
    .option('--fail-on-finding <ids>', 'also fail on these finding ids whatever their severity (comma-separated, repeatable)', collect, [])
    .option('--threshold <id=value>', 'override a finding threshold, e.g. close-wait=30s (repeatable)', collect, [])
    .option('--config <file>', 'JSON config: thresholds, severity overrides, failOn, allow-list')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText('after', CHECK_HELP)
    .action(async (files: string[], flags: CheckFlags) => {
      const config = await loadConfigOption(flags.config);
      const thresholds = mergedThresholds(config, flags.threshold);
      const policy: Policy = {
        failOn: flags.failOn ?? config?.failOn ?? 'error',
        failOnFindings: parseIdList(flags.failOnFinding),
        severity: config?.severity ?? {},
        allow: config?.allow ?? [],
      };
      const progress = startProgress(process.stderr, flags.quiet);
      const options: AnalyzeOptions = {
        thresholds,
        onProgress: progress.onProgress,
        ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
        // The gate judges every finding against the allow-list: none may go unlisted.
        maxFindings: Infinity,
      };
      let result: ReturnType<typeof applyPolicy>;
      if (flags.format === 'json') {
        // Only json prints connections: they wait on disk and are read back as the report is written.
        const spilled = await analyzeSpilled(files, { ...options, flows: 'all' });
        try {
          progress.stop();
          result = applyPolicy(spilled.report, policy);
          await emitChunks(renderCheckJsonChunks(result.report, result.verdict, spilled.flowEntries), flags.output);
        } finally {
          spilled.dispose();
        }
      } else {
        // The other outputs need findings alone, which keeps huge captures lean.
        const report = await analyze(files, { ...options, flows: 'none' });
        progress.stop();
        result = applyPolicy(report, policy);
        await emit(RENDERERS[flags.format](result.report, result.verdict), flags.output);
      }
      setExitCode(result.verdict.passed ? ExitCode.OK : ExitCode.FINDINGS);
    });
}

/** "a,b" and repeated flags alike; each must be a finding id tcpstate knows. */
function parseIdList(values: string[]): string[] {
  const ids = values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  for (const id of ids) {
    if (!isFindingId(id)) {
      throw new UsageError(`--fail-on-finding ${id}: unknown finding id${didYouMean(id, findingIds()) || ` (known: ${findingIds().join(', ')})`}`);
    }
  }
  return [...new Set(ids)];
}
