#!/usr/bin/env node
// Summarises a V8 .heapsnapshot: self size and count per constructor (or
// per node type for strings, arrays, closures), biggest first. Answers "what
// do the bytes of a big analysis consist of" without opening DevTools.
// Usage: node bench/heap-summary.mjs FILE.heapsnapshot [--top 25] [--per N]
//   --per N: also print bytes per unit (e.g. per flow: --per 200000)
//   --shapes: split plain objects ("Object") by their property names
//   --by-retainer: split every group by its first retainer (Constructor.property)
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/heap-summary.mjs FILE.heapsnapshot [--top N] [--per N]');
  process.exit(2);
}
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const top = arg('--top', 25);
const per = arg('--per', 0);
const snap = JSON.parse(readFileSync(file, 'utf8'));
const meta = snap.snapshot.meta;
const fields = meta.node_fields;
const types = meta.node_types[0];
const F = fields.length;
const iType = fields.indexOf('type'), iName = fields.indexOf('name'), iSize = fields.indexOf('self_size');
const shapes = process.argv.includes('--shapes');
const iEdges = fields.indexOf('edge_count');
const EF = meta.edge_fields.length;
const eType = meta.edge_fields.indexOf('type'), eName = meta.edge_fields.indexOf('name_or_index');
const edgeTypes = meta.edge_types[0];
const byRetainer = process.argv.includes('--by-retainer');
const eTo = meta.edge_fields.indexOf('to_node');
const retainer = new Map();
if (byRetainer) {
  let e = 0;
  for (let i = 0; i < snap.nodes.length; i += F) {
    const n = snap.nodes[i + iEdges];
    const owner = snap.strings[snap.nodes[i + iName]];
    for (let k = 0; k < n; k++, e += EF) {
      const to = snap.edges[e + eTo];
      if (retainer.has(to)) continue;
      const et = edgeTypes[snap.edges[e + eType]];
      if (et === 'weak' || et === 'shortcut') continue;
      const nm = et === 'element' || et === 'hidden' ? '[]' : snap.strings[snap.edges[e + eName]];
      retainer.set(to, `${owner.slice(0, 30)}.${nm}`);
    }
  }
}
const groups = new Map();
let total = 0;
let edge = 0;
for (let i = 0; i < snap.nodes.length; i += F) {
  const type = types[snap.nodes[i + iType]];
  const size = snap.nodes[i + iSize];
  const edges = snap.nodes[i + iEdges];
  const firstEdge = edge;
  edge += edges * EF;
  total += size;
  let key;
  const name = snap.strings[snap.nodes[i + iName]];
  if (shapes && type === 'object' && name === 'Object') {
    const props = [];
    for (let e = firstEdge; e < edge && props.length < 6; e += EF) {
      if (edgeTypes[snap.edges[e + eType]] === 'property') props.push(snap.strings[snap.edges[e + eName]]);
    }
    key = `{${props.join(', ')}}`;
  } else if (type === 'object' || type === 'native') key = `${type} ${name}`;
  else if (type === 'hidden' || type === 'code') key = `(${type})`;
  else key = `(${type})`;
  if (byRetainer) key += ` ← ${retainer.get(i) ?? '?'}`;
  const g = groups.get(key) ?? { size: 0, count: 0 };
  g.size += size;
  g.count++;
  groups.set(key, g);
}
console.log(`\n${(total / 1e6).toFixed(1)} MB in the heap snapshot\n`);
console.log(`| MB | % | count |${per ? ' bytes per unit |' : ''} what |`);
console.log(`|---:|---:|---:|${per ? '---:|' : ''}---|`);
for (const [k, g] of [...groups].sort((a, b) => b[1].size - a[1].size).slice(0, top)) {
  const perCol = per ? ` ${(g.size / per).toFixed(0)} |` : '';
  console.log(`| ${(g.size / 1e6).toFixed(1)} | ${((100 * g.size) / total).toFixed(1)} | ${g.count} |${perCol} ${k.replace(/\|/g, '\\|')} |`);
}
