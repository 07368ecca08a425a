import { CommanderError } from 'commander';
import { CaptureFormatError, InputError, UsageError } from '../errors.js';
import { ExitCode } from './exit-codes.js';

/**
 * Turns anything thrown by a command into one line on stderr and an exit
 * code. Only an unexpected error (a bug) shows its stack, and only when
 * TCPSTATE_DEBUG is set, because users must never see a trace for bad input.
 */
export function reportFailure(err: unknown, writeErr: (s: string) => void): number {
  if (err instanceof CommanderError) {
    // commander has already printed its message
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
      return ExitCode.OK;
    }
    return ExitCode.USAGE;
  }
  if (err instanceof UsageError) {
    writeErr(`tcpstate: ${err.message}\n`);
    return ExitCode.USAGE;
  }
  if (err instanceof CaptureFormatError || err instanceof InputError) {
    writeErr(`tcpstate: ${err.message}\n`);
    return ExitCode.BAD_INPUT;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  writeErr(`tcpstate: internal error: ${e.message.split('\n')[0]} (set TCPSTATE_DEBUG=1 for details)\n`);
  if (process.env.TCPSTATE_DEBUG) writeErr(`${e.stack ?? ''}\n`);
  return ExitCode.INTERNAL;
}
