// Runs one command with stdout to /dev/null and measures wall time (our own
// clock), CPU time and peak RSS (GNU time's %U %S %M when /usr/bin/time
// exists; otherwise, for node commands only, a preload that reports
// process.resourceUsage()). On a machine shared with other work, CPU seconds
// move much less than wall seconds.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const RSS_PROBE = fileURLToPath(new URL('./rss-probe.mjs', import.meta.url));

/**
 * @returns {Promise<{seconds: number, cpuSeconds: number | null, rssMB: number | null, code: number | null, timedOut: boolean, stderr: string}>}
 */
export async function measure(cmd, args, { timeoutSec = 0 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tcpstate-bench-'));
  const statsFile = join(dir, 'stats');
  const errFile = join(dir, 'stderr');
  let argv;
  let env = process.env;
  if (existsSync(GNU_TIME)) {
    argv = [GNU_TIME, '-f', '%M %U %S', '-o', statsFile, cmd, ...args];
  } else if (cmd === process.execPath) {
    argv = [cmd, '--import', RSS_PROBE, ...args];
    env = { ...process.env, TCPSTATE_BENCH_RSS_FILE: statsFile };
  } else {
    argv = [cmd, ...args];
  }
  const out = openSync('/dev/null', 'w');
  const err = openSync(errFile, 'w');
  const t0 = process.hrtime.bigint();
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', out, err], env, detached: true });
  let timedOut = false;
  const timer =
    timeoutSec > 0
      ? setTimeout(() => {
          timedOut = true;
          // The child leads its own process group (detached): end it and what it started, nothing else.
          try {
            process.kill(-child.pid, 'SIGTERM');
          } catch {}
        }, timeoutSec * 1000)
      : null;
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (timer) clearTimeout(timer);
  closeSync(out);
  closeSync(err);
  let rssMB = null;
  let cpuSeconds = null;
  if (existsSync(statsFile)) {
    // GNU time prints "Command exited with non-zero status N" before the figures when the command fails.
    const lines = readFileSync(statsFile, 'utf8').trim().split('\n');
    const [kb, user, sys] = lines[lines.length - 1].split(' ').map(Number);
    if (Number.isFinite(kb) && kb > 0) rssMB = kb / 1024;
    if (Number.isFinite(user) && Number.isFinite(sys)) cpuSeconds = user + sys;
  }
  const stderr = readFileSync(errFile, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  return { seconds, cpuSeconds, rssMB, code, timedOut, stderr };
}
