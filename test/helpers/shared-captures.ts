import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** ../shared/captures beside the project: CI has it, a user's fresh clone may not. */
export const SHARED_CAPTURES = fileURLToPath(new URL('../../../shared/captures', import.meta.url));
export const HAVE_SHARED = existsSync(join(SHARED_CAPTURES, 'manifest.tsv'));
export const SKIP_SHARED = HAVE_SHARED ? false : `../shared/captures is absent (it sits beside the project in CI)`;

export interface ManifestRow {
  relpath: string;
  path: string;
  format: string;
  linkType: string;
  packets: number;
  tcpPackets: number;
  malformed: boolean;
  errorDetail: string;
  compressed: boolean;
}

/** The rows of ../shared/captures/manifest.tsv (empty when it is absent). */
export function manifest(): ManifestRow[] {
  if (!HAVE_SHARED) return [];
  const [header, ...lines] = readFileSync(join(SHARED_CAPTURES, 'manifest.tsv'), 'utf8').trimEnd().split('\n');
  const cols = header!.split('\t');
  const at = (name: string) => cols.indexOf(name);
  return lines.map((line) => {
    const f = line.split('\t');
    return {
      relpath: f[at('relpath')]!,
      path: join(SHARED_CAPTURES, f[at('relpath')]!),
      format: f[at('format')]!,
      linkType: f[at('link_type')]!,
      packets: Number(f[at('packets')]),
      tcpPackets: Number(f[at('tcp_packets')]),
      malformed: f[at('malformed')] === 'yes',
      errorDetail: f[at('error_detail')] ?? '',
      compressed: f[at('compressed')] === 'gzip',
    };
  });
}
