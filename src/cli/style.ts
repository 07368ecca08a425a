import { Chalk, supportsColor, type ChalkInstance } from 'chalk';

/**
 * Colours follow chalk's detection, NO_COLOR and --no-color, and never go
 * into a pipe or a file: escapes there only corrupt what a script reads.
 */
export function styleFor(stream: NodeJS.WriteStream, colorOption: boolean, toFile: boolean): ChalkInstance {
  const off = !colorOption || toFile || !stream.isTTY || 'NO_COLOR' in process.env;
  return new Chalk({ level: off || !supportsColor ? 0 : supportsColor.level });
}
