import { Command } from 'commander';
import { analyzeCommand } from './analyze-command.js';
import { flowsCommand } from './flows-command.js';
import { timelineCommand } from './timeline-command.js';
import { reportFailure } from './fail.js';
import { ExitCode } from './exit-codes.js';
import { VERSION } from './version.js';

const EXIT_HELP = `
Exit codes:
  0  analysed; no finding at or above the failing severity
  1  findings at or above the failing severity (check)
  2  usage error
  3  unreadable or unsupported input`;

/** The only place that touches process, stdout and exit codes. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('tcpstate')
    .description('Find the TCP connections that went wrong in a packet capture, and why.')
    .version(VERSION)
    .addHelpText('after', EXIT_HELP)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const cmd of [analyzeCommand(), flowsCommand(), timelineCommand()]) program.addCommand(cmd.exitOverride());
  try {
    await program.parseAsync(argv);
    return ExitCode.OK;
  } catch (err) {
    return reportFailure(err, (s) => process.stderr.write(s));
  }
}
