// Preloaded with --import when /usr/bin/time is missing: writes the process's
// peak RSS (KiB) and user/system CPU seconds, like GNU time's "%M %U %S", to
// $TCPSTATE_BENCH_RSS_FILE on exit.
import { writeFileSync } from 'node:fs';

const file = process.env.TCPSTATE_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}`);
  });
}
