/** The exit codes of DESIGN.md §5, documented in the README and in --help. */
export const ExitCode = {
  OK: 0,
  FINDINGS: 1,
  USAGE: 2,
  BAD_INPUT: 3,
  /** A bug in tcpstate: anything that is not one of our typed errors. */
  INTERNAL: 70,
} as const;
