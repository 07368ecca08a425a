/**
 * Typed errors. The CLI maps them to exit codes and one-line messages; anything
 * else reaching the top is a bug.
 */
export class TcpstateError extends Error {
  override name = 'TcpstateError';
}

/** The command line asks for something impossible (exit 2). */
export class UsageError extends TcpstateError {
  override name = 'UsageError';
}

/** Input that cannot be read as a capture at all (exit 3). */
export class CaptureFormatError extends TcpstateError {
  override name = 'CaptureFormatError';
  constructor(
    readonly path: string,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${path}: byte ${offset}: ${reason}`);
  }
}

/** A capture whose every interface has a link type tcpstate cannot decode (exit 3). */
export class UnsupportedLinkTypeError extends CaptureFormatError {
  override name = 'UnsupportedLinkTypeError';
}

/** A file that cannot be opened or read (exit 3). */
export class InputError extends TcpstateError {
  override name = 'InputError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** A configuration file that fails validation (exit 2). */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
}
