/** How findings spell endpoints, durations and counts in their one sentence. */

/** "10.0.0.5:8080", "[2001:db8::1]:443". */
export function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** "350 ms", "2.1 s", "94 s", "12.5 min", "1.5 h". */
export function duration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 10) return `${(Math.round(seconds * 10) / 10).toFixed(1)} s`;
  if (seconds < 600) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${(Math.round(seconds / 6) / 10).toFixed(1)} min`;
  return `${(Math.round(seconds / 360) / 10).toFixed(1)} h`;
}

/** "1 probe", "3 probes". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** "12,345". */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "frame 12", "frames 12, 15 and 40", "frames 12, 15, ... (9 in all)". */
export function framesText(frames: readonly number[], max = 4): string {
  if (frames.length === 1) return `frame ${frames[0]}`;
  if (frames.length <= max) return `frames ${frames.slice(0, -1).join(', ')} and ${frames[frames.length - 1]}`;
  return `frames ${frames.slice(0, max).join(', ')}, ... (${frames.length} in all)`;
}
