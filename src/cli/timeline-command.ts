import { Command } from 'commander';
import { analyze } from '../analyze.js';
import { UsageError } from '../errors.js';
import type { Flow } from '../model/flow.js';
import { captureSpan } from '../report/capture-span.js';
import { renderFlowsTable } from '../report/flows-table.js';
import { TimelineCollector } from '../report/timeline-collector.js';
import { renderTimeline } from '../report/timeline.js';
import { flowAddressFilter } from '../select/flow-filter.js';
import { isEmptySelection } from '../select/selection.js';
import { emit } from './output.js';
import { startProgress } from './progress.js';
import { addSelectionOptions, selectionFrom, type SelectionFlags } from './select-options.js';
import { styleFor } from './style.js';

interface TimelineFlags extends SelectionFlags {
  flow?: string;
  output?: string;
  color: boolean;
  quiet?: boolean;
}

/** `tcpstate timeline`: the ladder diagram of one connection. */
export function timelineCommand(): Command {
  const cmd = new Command('timeline')
    .description('draw the ladder diagram of one connection: every segment, both sides\' states after it')
    .argument('<files...>', 'pcap or pcapng files (gzip allowed); - reads stdin')
    .option('--flow <id>', 'the connection, by the id `tcpstate flows` shows');
  addSelectionOptions(cmd);
  return cmd
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--no-color', 'no colours even on a terminal')
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText('after', '\nWith --host/--port/--net instead of --flow, they must select exactly one connection;\nwhen several match, they are listed and the exit code is 2.')
    .action(async (files: string[], flags: TimelineFlags) => {
      const address = selectionFrom(flags);
      let select: (f: Flow) => boolean;
      let wanted: number | undefined;
      if (flags.flow !== undefined) {
        if (!/^[1-9]\d*$/.test(flags.flow)) throw new UsageError(`--flow ${flags.flow}: a flow id is a positive integer`);
        wanted = Number(flags.flow);
        const byAddress = flowAddressFilter(address);
        select = (f) => f.id === wanted && byAddress(f);
      } else if (!isEmptySelection(address)) {
        select = flowAddressFilter(address);
      } else {
        throw new UsageError('timeline: say which connection, with --flow ID or with --host/--port/--net');
      }
      const collector = new TimelineCollector(select);
      const progress = startProgress(process.stderr, flags.quiet);
      const report = await analyze(files, { listeners: [collector], onProgress: progress.onProgress });
      progress.stop();
      const ids = collector.matchedIds();
      if (ids.length === 0) {
        throw new UsageError(
          wanted !== undefined
            ? `no connection ${wanted} matches (the capture has ${report.summary.flows})`
            : 'no connection matches --host/--port/--net',
        );
      }
      if (ids.length > 1) {
        const matching = report.flows.filter((f) => ids.includes(f.id));
        const list = renderFlowsTable(matching, { style: styleFor(process.stderr, flags.color, false), captureStart: captureSpan(report).start, findings: report.findings });
        process.stderr.write(`${ids.length} connections match; pick one with --flow ID:\n${list}`);
        throw new UsageError(`${ids.length} connections match, timeline draws one`);
      }
      const timeline = collector.timeline(ids[0]!)!;
      const style = styleFor(process.stdout, flags.color, flags.output !== undefined);
      await emit(renderTimeline(timeline, { style, captureStart: captureSpan(report).start }), flags.output);
    });
}
