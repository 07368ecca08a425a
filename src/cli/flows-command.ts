import { Command, Option } from 'commander';
import { analyze } from '../analyze.js';
import { UsageError } from '../errors.js';
import { STATE_NAMES, type TcpStateName } from '../model/tcp-state.js';
import { captureSpan } from '../report/capture-span.js';
import { renderFlowsJson, renderFlowsTable } from '../report/flows-table.js';
import { selectFlows } from '../select/flow-filter.js';
import { SORT_KEYS, sortFlows, type SortKey } from '../select/flow-sort.js';
import { parseOverrides } from './analyze-command.js';
import { addJobsOption } from './jobs-option.js';
import { emit } from './output.js';
import { startProgress } from './progress.js';
import { addSelectionOptions, collect, selectionFrom, type SelectionFlags } from './select-options.js';
import { styleFor } from './style.js';

interface FlowsFlags extends SelectionFlags {
  state: string[];
  finding: string[];
  sort: SortKey;
  format: 'table' | 'json';
  output?: string;
  color: boolean;
  quiet?: boolean;
  jobs?: number;
  threshold: string[];
}

/**
 * `tcpstate flows`: one row per connection. Filters apply to the finished
 * report, not to packets, so flow ids are the same as in `analyze` and
 * `timeline --flow` of the same capture.
 */
export function flowsCommand(): Command {
  const cmd = new Command('flows')
    .description('list the connections, with both sides\' end states, conn_state, history and durations')
    .argument('<files...>', 'pcap or pcapng files (gzip allowed); - reads stdin')
    .option('--state <state>', 'only connections with either side ended in this state, e.g. CLOSE_WAIT (repeatable)', collect, [])
    .option('--finding <id>', 'only connections named by this finding, e.g. close-wait-stuck (repeatable)', collect, []);
  addSelectionOptions(cmd);
  return addJobsOption(cmd)
    .addOption(new Option('--sort <key>', 'order: start (oldest first), duration or bytes (largest first)').choices([...SORT_KEYS]).default('start'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--threshold <id=value>', 'override a finding threshold (repeatable)', collect, [])
    .option('--no-color', 'no colours even on a terminal')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (files: string[], flags: FlowsFlags) => {
      const address = selectionFrom(flags);
      const states = flags.state.map(parseState);
      const progress = startProgress(process.stderr, flags.quiet);
      const report = await analyze(files, {
        thresholds: parseOverrides(flags.threshold),
        onProgress: progress.onProgress,
        ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
      });
      progress.stop();
      const rows = sortFlows(selectFlows(report.flows, report.findings, { address, states, findingIds: flags.finding }), flags.sort);
      const toFile = flags.output !== undefined;
      const text =
        flags.format === 'json'
          ? renderFlowsJson(rows, report.findings)
          : renderFlowsTable(rows, {
              style: styleFor(process.stdout, flags.color, toFile),
              captureStart: captureSpan(report).start,
              findings: report.findings,
              ...(process.stdout.isTTY && !toFile ? { width: process.stdout.columns ?? 80 } : {}),
            });
      await emit(text, flags.output);
    });
}

/** "CLOSE_WAIT", "close-wait", "close_wait" all name the RFC state. */
export function parseState(text: string): TcpStateName {
  const name = text.toUpperCase().replace(/-/g, '_');
  if (!(STATE_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`--state ${text}: not a TCP state (one of ${STATE_NAMES.join(', ')})`);
  }
  return name as TcpStateName;
}
