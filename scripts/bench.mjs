#!/usr/bin/env node
// npm run bench [-- --sizes 10k,200k] [--seed 1] [--runs 1] [--tools bare,tcpstate,tshark]
//                 [--tshark-max 200k] [--timeout 1800] [--flood 1M] [--long 1M]
// (`npm run bench --sizes=10k,200k` and `npm run bench --sizes 10k,200k` work too: npm keeps
// such flags for itself and hands them over as npm_config_sizes, the value as a positional.)
//
// Generates (or reuses, cached by size + seed in bench/out/) synthetic
// captures, then times on each: the full analysis (bin/tcpstate.js analyze
// --format json), the bare read-and-decode loop (bench/bare-loop.mjs) and,
// when installed, tshark -q -z conv,tcp. Prints a markdown table with every
// figure also as a ratio to the bare loop of the same run. A benchmark, not a
// test: nothing here passes or fails on speed.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { GENERATOR_VERSION, sidecarPath } from '../bench/gen/generator.mjs';
import { generateFlood } from '../bench/gen/flood.mjs';
import { formatSize, parseSize } from '../bench/gen/size.mjs';
import { measure } from '../bench/run/measure.mjs';

const { values } = parseArgs({
  allowPositionals: true,
  options: {
    sizes: { type: 'string', default: npmSizes() },
    seed: { type: 'string', default: process.env.npm_config_seed ?? '1' },
    runs: { type: 'string', default: process.env.npm_config_runs ?? '1' },
    tools: { type: 'string', default: process.env.npm_config_tools ?? 'bare,tcpstate,tshark' },
    'tshark-max': { type: 'string', default: process.env.npm_config_tshark_max ?? '200k' },
    /** Seconds before a tool's run is stopped and reported as timed out. */
    timeout: { type: 'string', default: process.env.npm_config_timeout ?? '1800' },
    /** Spoofed sources of the SYN-flood capture (0: none). */
    flood: { type: 'string', default: process.env.npm_config_flood ?? '1M' },
    /** Connections of the hour-long capture whose connections all close (0: none); a quarter of them over 15 min beside it. */
    long: { type: 'string', default: process.env.npm_config_long ?? '1M' },
  },
});
const sizes = values.sizes.split(',').map(parseSize);
const seed = Number(values.seed);
// `npm run bench --runs 2` leaves npm_config_runs "true": ask for `--runs=2` then.
const runs = Number.isInteger(Number(values.runs)) ? Math.max(1, Number(values.runs)) : usage(`--runs ${values.runs}: give a number (with npm: --runs=2)`);
const tsharkMax = parseSize(values['tshark-max']);
const timeout = Number(values.timeout);
const tools = new Set(values.tools.split(','));
const node = process.execPath;

const tcpstateArgs = tools.has('tcpstate') ? tcpstateCommand() : null;
const tshark = tools.has('tshark') ? which('tshark') : null;
const notes = [];
if (tcpstateArgs === null && tools.has('tcpstate')) notes.push('tcpstate not built (run `npm run build`): its rows are missing.');
else if (tcpstateArgs !== null && !tcpstateArgs.includes('--flows')) notes.push('`analyze` has no `--flows` option yet: the JSON report lists every flow.');
if (tshark === null && tools.has('tshark')) notes.push('tshark not installed: no tshark rows.');
if (!existsSync('/usr/bin/time')) notes.push('/usr/bin/time missing: peak RSS from process.resourceUsage() (node commands only).');

console.error(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

const rows = [];
for (const n of sizes) {
  const file = ensureCapture(n);
  const side = JSON.parse(readFileSync(sidecarPath(file), 'utf8'));
  const mb = statSync(file).size / 1e6;
  const label = `${formatSize(n)} conn, ${(side.packets / 1e6).toFixed(2)} M pkts, ${mb.toFixed(0)} MB`;
  // The ratios need the bare loop, so it always runs, on a file already in the page cache as for every other tool.
  warmPageCache(file);
  const bare = await best(node, ['bench/bare-loop.mjs', file]);
  const add = (tool, r) => rows.push({ label, tool, r, bare, packets: side.packets, mb });
  add('bare loop (typed-array flow table)', bare);
  if (tcpstateArgs !== null) {
    const jobs = await defaultJobs(file);
    const full = await best(node, ['bin/tcpstate.js', ...tcpstateArgs, file], timeout);
    add(`tcpstate ${tcpstateArgs.join(' ')}${jobs === null ? '' : ` (default: --jobs ${jobs})`}`, full);
    if (jobs !== null && jobs > 1) {
      const one = await best(node, ['bin/tcpstate.js', ...tcpstateArgs, '--jobs', '1', file], timeout);
      add(`tcpstate ${tcpstateArgs.join(' ')} --jobs 1`, one);
      if (full.code === 0 && one.code === 0) notes.push(`${label}: --jobs ${jobs} is ${(one.seconds / full.seconds).toFixed(2)}× as fast as --jobs 1 (wall time)${jobsCeiling(one)}.`);
    }
  }
  if (tshark !== null) {
    if (n <= tsharkMax) add('tshark -q -z conv,tcp', await best(tshark, ['-q', '-z', 'conv,tcp', '-r', file], timeout));
    else notes.push(`tshark skipped on ${formatSize(n)} (over --tshark-max ${formatSize(tsharkMax)}: it runs at ~0.1 M packets/s).`);
  }
}

const floodSources = values.flood === '0' ? 0 : parseSize(values.flood);
if (floodSources > 0) await floodRows(floodSources);
const longConnections = values.long === '0' ? 0 : parseSize(values.long);
if (longConnections > 0) await longRows(longConnections);

console.log(`\n| capture | tool | wall s | CPU s | M packets/s | MB/s | peak RSS MB | speed vs bare | CPU-time speed vs bare | RSS vs bare |`);
console.log(`|---|---|---:|---:|---:|---:|---:|---:|---:|---:|`);
for (const { label, tool, r, bare, packets, mb } of rows) {
  if (bare.code !== 0) console.log(`\n> bare loop failed on ${label}: ${bare.stderr.trim().split('\n').slice(-2).join(' / ')}\n`);
  const failed = r.code !== 0 ? (r.timedOut ? ' (timed out)' : ` (exit ${r.code})`) : '';
  const speed = packets / r.seconds / 1e6;
  const bareSpeed = packets / bare.seconds / 1e6;
  const rss = r.rssMB === null ? '?' : r.rssMB.toFixed(0);
  const rssRatio = r.rssMB === null || bare.rssMB === null ? '?' : (r.rssMB / bare.rssMB).toFixed(2) + '×';
  const cpu = r.cpuSeconds === null ? '?' : r.cpuSeconds.toFixed(2);
  const cpuRatio = failed || r.cpuSeconds === null || bare.cpuSeconds === null ? '-' : ((100 * bare.cpuSeconds) / r.cpuSeconds).toFixed(0) + ' %';
  console.log(
    `| ${label} | ${tool}${failed} | ${r.seconds.toFixed(2)} | ${cpu} | ${failed ? '-' : speed.toFixed(2)} | ${failed ? '-' : (mb / r.seconds).toFixed(0)} | ${rss} | ${failed ? '-' : ((100 * speed) / bareSpeed).toFixed(0) + ' %'} | ${cpuRatio} | ${rssRatio} |`,
  );
  if (r.code !== 0 && !r.timedOut) console.log(`\n> ${tool} failed: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}\n`);
}
if (notes.length > 0) console.log('\n' + [...new Set(notes)].map((n) => `- ${n}`).join('\n'));
console.log(
  `- Wall seconds include process start; packets/s and "speed vs bare" are wall-time figures, "CPU-time speed vs bare" compares user+system CPU seconds ` +
    `(steadier when the machine is shared: load average was ${loadavg()[0].toFixed(1)} on ${cpus().length} cores at the end). Best of ${runs} run(s); ` +
    `peak RSS and CPU from ${existsSync('/usr/bin/time') ? 'GNU time (%M %U %S)' : 'process.resourceUsage()'}.`,
);

/**
 * A SYN flood from `n` spoofed sources at 50 000 SYN/s, half answered by SYN+ACK
 * (bench/gen/flood.mjs): memory must stay bounded and the one syn-flood finding
 * must count every attempt.
 */
async function floodRows(n) {
  const file = `bench/out/flood-${formatSize(n)}-s${seed}.pcap`;
  const meta = `${file}.meta.json`;
  if (!existsSync(file) || !existsSync(meta)) {
    console.error(`generating ${file} ...`);
    writeFileSync(meta, JSON.stringify(generateFlood({ sources: n, rate: 50000, seed, out: file })));
  }
  const info = JSON.parse(readFileSync(meta, 'utf8'));
  const mb = statSync(file).size / 1e6;
  const label = `SYN flood: ${formatSize(n)} spoofed sources, ${(info.packets / 1e6).toFixed(2)} M pkts, ${mb.toFixed(0)} MB`;
  warmPageCache(file);
  const bare = await best(node, ['bench/bare-loop.mjs', file]);
  rows.push({ label, tool: 'bare loop (typed-array flow table)', r: bare, bare, packets: info.packets, mb });
  if (tcpstateArgs === null) return;
  const out = `${file}.report.json`;
  const r = await best(node, ['bin/tcpstate.js', ...tcpstateArgs, '-o', out, file], timeout);
  rows.push({ label, tool: `tcpstate ${tcpstateArgs.join(' ')}`, r, bare, packets: info.packets, mb });
  if (r.code !== 0) return;
  const flood = JSON.parse(readFileSync(out, 'utf8')).findings.filter((f) => f.id === 'syn-flood');
  const got = flood.map((f) => f.details.attempts);
  const exact = flood.length === 1 && got[0] === info.attempts && flood[0].details.unansweredSyns === info.attempts - info.synAcks;
  notes.push(
    `${label}: ${exact ? 'one syn-flood finding with exactly' : 'MISMATCH:'} ${got.join(', ') || 'no'} attempts` +
      `${exact ? '' : ` (expected one finding with ${info.attempts})`} and ${flood[0]?.details.unansweredSyns ?? '?'} unanswered SYNs.`,
  );
}

/**
 * Flat memory: the same traffic (every connection closes, bench/generate.mjs
 * --bounded) for 15 minutes and for an hour, so the same connections are open
 * at once while the longer capture has 4× the connections and the findings.
 * Both with --jobs 1: one heap each, compared like for like.
 */
async function longRows(n) {
  const runsOf = [];
  for (const [count, minutes] of [[Math.round(n / 4), 15], [n, 60]]) {
    const file = ensureCapture(count, { duration: minutes * 60, bounded: true });
    const side = JSON.parse(readFileSync(sidecarPath(file), 'utf8'));
    const mb = statSync(file).size / 1e6;
    const label = `${formatSize(count)} conn over ${minutes} min, every one closing, ${(side.packets / 1e6).toFixed(2)} M pkts, ${mb.toFixed(0)} MB`;
    warmPageCache(file);
    const bare = await best(node, ['bench/bare-loop.mjs', file]);
    rows.push({ label, tool: 'bare loop (typed-array flow table)', r: bare, bare, packets: side.packets, mb });
    if (tcpstateArgs === null) return;
    const r = await best(node, ['bin/tcpstate.js', ...tcpstateArgs, '--jobs', '1', file], timeout);
    rows.push({ label, tool: `tcpstate ${tcpstateArgs.join(' ')} --jobs 1`, r, bare, packets: side.packets, mb });
    runsOf.push({ count, minutes, r });
  }
  const [q, h] = runsOf;
  if (q.r.code === 0 && h.r.code === 0 && q.r.rssMB !== null && h.r.rssMB !== null) {
    notes.push(
      `Flat memory: over ${h.minutes} min (${formatSize(h.count)} connections) tcpstate peaked at ${h.r.rssMB.toFixed(0)} MB, ` +
        `over ${q.minutes} min of the same traffic (${formatSize(q.count)}) at ${q.r.rssMB.toFixed(0)} MB: ${(h.r.rssMB / q.r.rssMB).toFixed(2)}× the memory for ${h.count / q.count}× the capture.`,
    );
  }
}

/** Fastest of `runs` runs (a shared machine only ever makes things slower). */
async function best(cmd, args, timeoutSec = 0) {
  let bestRun = null;
  for (let i = 0; i < runs; i++) {
    const r = await measure(cmd, args, { timeoutSec });
    console.error(`  ${args.at(-1)}: ${cmd === node ? args[0] : cmd} ${r.seconds.toFixed(2)} s${r.code !== 0 ? ` exit ${r.code}` : ''}`);
    if (bestRun === null || (r.code === 0 && (bestRun.code !== 0 || r.seconds < bestRun.seconds))) bestRun = r;
    if (r.code !== 0) break;
  }
  return bestRun;
}

/**
 * Reads the file once, untimed, so that the first tool timed on it (the bare
 * loop) does not pay for the disk while the others read from memory: cold,
 * the 200k capture's bare loop took 1.54 s instead of 0.59 s.
 */
function warmPageCache(file) {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(8 << 20);
  try {
    while (readSync(fd, buf, 0, buf.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

/**
 * bench/out/c<size>-s<seed>.pcap (with a duration and --bounded: ...-<duration>s-bounded.pcap),
 * generated unless it exists from the same generator version.
 */
function ensureCapture(n, { duration = 120, bounded = false } = {}) {
  const variant = bounded ? `-${duration}s-bounded` : '';
  const file = `bench/out/c${formatSize(n)}-s${seed}${variant}.pcap`;
  const side = sidecarPath(file);
  if (existsSync(file) && existsSync(side)) {
    const s = JSON.parse(readFileSync(side, 'utf8'));
    if (s.generatorVersion === GENERATOR_VERSION && s.fileBytes === statSync(file).size) return file;
  }
  console.error(`generating ${file} ...`);
  const extra = bounded ? ['--duration', String(duration), '--bounded'] : [];
  const r = spawnSync(node, ['bench/generate.mjs', '--connections', String(n), '--seed', String(seed), ...extra, '--out', file], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`generating ${file} failed`);
  return file;
}

/** The analyze arguments this build supports (null when not built). */
function tcpstateCommand() {
  if (!existsSync('dist/src/cli/main.js')) return null;
  const help = spawnSync(node, ['bin/tcpstate.js', 'analyze', '--help'], { encoding: 'utf8' });
  if (help.status !== 0) return null;
  const args = ['analyze', '--format', 'json'];
  if (/--flows\b/.test(help.stdout)) args.push('--flows', 'none');
  if (/--quiet\b/.test(help.stdout)) args.push('--quiet');
  return args;
}

/**
 * What the cores leave for more workers: --jobs 1 already keeps more than one
 * core busy (the garbage collector's helper threads run beside the main
 * thread), and N workers cannot finish before their CPU time spread over
 * every core: while they take at least the CPU time of one thread, the
 * speed-up is at most cores / (CPU seconds / wall seconds of --jobs 1).
 */
function jobsCeiling(one) {
  if (one.cpuSeconds === null) return '';
  const busy = one.cpuSeconds / one.seconds;
  return `; --jobs 1 kept ${busy.toFixed(2)} cores busy (CPU/wall), so on ${cpus().length} cores more workers can be at most ${(cpus().length / busy).toFixed(2)}× as fast while they take as much CPU time in all`;
}

/** The --jobs analyze picks for this file, when the build has worker threads (null otherwise). */
async function defaultJobs(file) {
  if (!existsSync('dist/src/parallel/jobs.js')) return null;
  const { chooseJobs } = await import('../dist/src/parallel/jobs.js');
  return chooseJobs([file]);
}

function usage(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

function npmSizes() {
  const v = process.env.npm_config_sizes;
  if (v === undefined || v === '') return '10k,200k,1M';
  // `npm run bench --sizes 10k,200k`: npm took --sizes as a boolean and passed the value on.
  if (v === 'true') return process.argv.slice(2).find((a) => /^[\d.]+[kKmM]?(,[\d.]+[kKmM]?)*$/.test(a)) ?? '10k,200k,1M';
  return v;
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '' ? r.stdout.trim() : null;
}
