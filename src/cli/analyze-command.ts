import { Command, Option } from 'commander';
import { analyze, analyzeSpilled, type AnalyzeOptions } from '../analyze.js';
import type { FlowsMode } from '../flow-collector.js';
import { parseThresholdOverride, type Thresholds } from '../detect/thresholds.js';
import { renderJsonChunks } from '../report/json.js';
import { renderTable } from '../report/table.js';
import { renderZeekConnLog } from '../report/zeek.js';
import { loadConfigOption, mergedThresholds } from './config-option.js';
import { EXTRA_FORMATS, isExtraFormat, planFormat } from './extra-formats.js';
import { addJobsOption } from './jobs-option.js';
import { addMaxFindingsOption } from './max-findings-option.js';
import { emit, emitChunks } from './output.js';
import { startProgress } from './progress.js';
import { addSelectionOptions, selectionFrom, type SelectionFlags } from './select-options.js';
import { styleFor } from './style.js';

interface AnalyzeFlags extends SelectionFlags {
  format: 'table' | 'json' | 'zeek' | (typeof EXTRA_FORMATS)[number];
  output?: string;
  color: boolean;
  quiet?: boolean;
  threshold: string[];
  flows: FlowsMode;
  config?: string;
  jobs?: number;
  maxFindings?: number;
}

export function analyzeCommand(): Command {
  return addMaxFindingsOption(addJobsOption(addSelectionOptions(new Command('analyze'))))
    .description('read captures, track every TCP connection and report what went wrong')
    .argument('<files...>', 'pcap or pcapng files (gzip allowed); - reads stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'zeek', ...EXTRA_FORMATS]).default('table'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .addOption(
      new Option('--flows <which>', 'connections listed in the json report: all, only those with findings, or none (the summary counts all)')
        .choices(['all', 'findings', 'none'])
        .default('all'),
    )
    .option('--threshold <id=value>', 'override a finding threshold, e.g. close-wait=30s (repeatable)', collect, [])
    .option('--config <file>', 'JSON config (see check --help): its thresholds and severity overrides apply')
    .option('--no-color', 'no colours even on a terminal')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (files: string[], flags: AnalyzeFlags) => {
      const config = await loadConfigOption(flags.config);
      const thresholds = mergedThresholds(config, flags.threshold);
      const selection = selectionFrom(flags);
      const plan = isExtraFormat(flags.format) ? planFormat(flags.format, flags.output) : undefined;
      const progress = startProgress(process.stderr, flags.quiet);
      const options: AnalyzeOptions = {
        thresholds,
        flows: flowsFor(flags),
        ...(plan ? { listeners: plan.listeners } : {}),
        onProgress: progress.onProgress,
        selection,
        ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
        ...(flags.maxFindings !== undefined ? { maxFindings: flags.maxFindings } : {}),
        // Applied as findings are counted: the counts of those not listed use them too.
        severity: config?.severity ?? {},
      };
      if (flags.format === 'json' && options.flows !== 'none') {
        // Millions of connections: their entries wait on disk and are read back as the report is written.
        const spilled = await analyzeSpilled(files, options);
        try {
          progress.stop();
          await emitChunks(renderJsonChunks(spilled.report, spilled.flowEntries), flags.output);
        } finally {
          spilled.dispose();
        }
        return;
      }
      const report = await analyze(files, options);
      progress.stop();
      let text: string;
      if (plan) {
        text = plan.finish(report);
        plan.close();
        if (text === '') return;
      } else if (flags.format === 'json') {
        await emitChunks(renderJsonChunks(report), flags.output);
        return;
      } else if (flags.format === 'zeek') text = renderZeekConnLog(report.flows);
      else {
        const toFile = flags.output !== undefined;
        const width = process.stdout.isTTY && !toFile ? process.stdout.columns : undefined;
        text = renderTable(report, { style: styleFor(process.stdout, flags.color, toFile), ...(width ? { width } : {}) });
      }
      await emit(text, flags.output);
    });
}

/**
 * The connections each format needs: conn.log lists every one; ndjson has
 * streamed them already; the table and the extra formats show those the
 * findings name (per-side end states come from the summary); --flows is json's.
 */
function flowsFor(flags: AnalyzeFlags): FlowsMode {
  if (flags.format === 'zeek') return 'all';
  if (flags.format === 'ndjson') return 'none';
  if (flags.format === 'json') return flags.flows;
  return 'findings';
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function parseOverrides(specs: string[]): Partial<Thresholds> {
  const out: Partial<Thresholds> = {};
  for (const spec of specs) {
    const { key, value } = parseThresholdOverride(spec);
    out[key] = value as never;
  }
  return out;
}
