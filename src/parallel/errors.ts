import { CaptureFormatError, ConfigError, InputError, TcpstateError, UnsupportedLinkTypeError, UsageError } from '../errors.js';

/** An error crossing from a worker: structured clone keeps neither the class nor its fields. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string | undefined;
  path?: string;
  offset?: number;
  reason?: string;
}

export function serializeError(e: unknown): SerializedError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const out: SerializedError = { name: e.name, message: e.message, stack: e.stack };
  if (e instanceof CaptureFormatError) Object.assign(out, { path: e.path, offset: e.offset, reason: e.reason });
  else if (e instanceof InputError) Object.assign(out, { path: e.path, reason: e.message.slice(e.path.length + 2) });
  return out;
}

/** The same typed error on this side, so the CLI maps it to the same exit code and one-line message. */
export function reviveError(s: SerializedError): Error {
  switch (s.name) {
    case 'UnsupportedLinkTypeError':
      return new UnsupportedLinkTypeError(s.path!, s.offset!, s.reason!);
    case 'CaptureFormatError':
      return new CaptureFormatError(s.path!, s.offset!, s.reason!);
    case 'InputError':
      return new InputError(s.path!, s.reason!);
    case 'ConfigError':
      return new ConfigError(s.message);
    case 'UsageError':
      return new UsageError(s.message);
    case 'TcpstateError':
      return new TcpstateError(s.message);
    default: {
      const e = new Error(s.message);
      e.name = s.name;
      if (s.stack !== undefined) e.stack = s.stack;
      return e;
    }
  }
}
