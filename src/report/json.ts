import type { Report } from '../model/report.js';

/** The report contract as one JSON document (DESIGN.md §5). */
export function renderJson(report: Report): string {
  let out = '';
  for (const chunk of renderJsonChunks(report)) out += chunk;
  return out;
}

/** Top-level arrays that may hold millions of entries: written a batch of entries at a time. */
const STREAMED = new Set(['flows', 'findings']);
const BATCH = 256;
/** JSON.stringify([[...]], null, 2) around entries that sit, as in the report, two levels deep. */
const NESTED_OPEN = '[\n  [\n    '.length;
const NESTED_CLOSE = '\n  ]\n]'.length;

/**
 * The same bytes as `JSON.stringify(report, null, 2) + "\n"`, in pieces, so
 * that a report with a million connections is never one giant string. With
 * `flowEntries` (pretty-printed flows[] entries, see analyzeSpilled) the flows
 * come from there instead of report.flows. The report may carry more
 * top-level fields (check --format json adds `check`).
 */
export function* renderJsonChunks(report: Report | (Report & Record<string, unknown>), flowEntries?: Iterable<string>): Generator<string> {
  const entries = Object.entries(report).filter(([, v]) => v !== undefined);
  yield '{';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!;
    yield `${i === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (key === 'flows' && flowEntries !== undefined) {
      let first = true;
      for (const e of flowEntries) {
        yield `${first ? '[' : ','}\n    ${indent(e, '    ')}`;
        first = false;
      }
      yield first ? '[]' : '\n  ]';
    } else if (STREAMED.has(key) && Array.isArray(value) && value.length > 0) {
      // Pretty-printed two levels deep, the entries come out indented as the report nests them: no second pass to indent.
      for (let j = 0; j < value.length; j += BATCH) {
        const nested = JSON.stringify([value.slice(j, j + BATCH)], null, 2);
        yield `${j === 0 ? '[' : ','}\n    ${nested.slice(NESTED_OPEN, nested.length - NESTED_CLOSE)}`;
      }
      yield '\n  ]';
    } else {
      yield indent(JSON.stringify(value, null, 2), '  ');
    }
  }
  yield '\n}\n';
}

/** Nests a pretty-printed value one level deeper (JSON strings never hold a raw newline). */
function indent(json: string, by: string): string {
  return json.replaceAll('\n', `\n${by}`);
}
