import { Command } from 'commander';
import { analyzeCommand } from './analyze-command.js';
import { checkCommand } from './check-command.js';
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
  3  unreadable or unsupported input
  70 internal error (a bug; TCPSTATE_DEBUG=1 shows the stack)`;

/** The only place that touches process, stdout and exit codes. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('tcpstate')
    .description('Find the TCP connections that went wrong in a packet capture, and why.')
    .version(VERSION)
    .addHelpText('after', EXIT_HELP)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  // A command that decides the exit code itself (check's gate) reports it here.
  let exitCode: number = ExitCode.OK;
  const setExitCode = (code: number): void => {
    exitCode = code;
  };
  for (const cmd of [analyzeCommand(), flowsCommand(), timelineCommand(), checkCommand(setExitCode)]) program.addCommand(cmd.exitOverride());
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    return reportFailure(err, (s) => process.stderr.write(s));
  }
}
