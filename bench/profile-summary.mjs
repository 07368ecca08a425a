#!/usr/bin/env node
// Summarises a V8 .cpuprofile (node --cpu-prof): the hottest functions by self
// time, and by total (inclusive) time, with their source location. Also reads
// a .heapprofile (node --heap-prof): bytes allocated per function.
// Usage: node bench/profile-summary.mjs FILE.cpuprofile|FILE.heapprofile [--top 25] [--self-only]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/profile-summary.mjs FILE.cpuprofile [--top N]');
  process.exit(2);
}
const topIdx = process.argv.indexOf('--top');
const top = topIdx > 0 ? Number(process.argv[topIdx + 1]) : 25;
const prof = JSON.parse(readFileSync(file, 'utf8'));
function label(n) {
  const cf = n.callFrame;
  const name = cf.functionName || '(anonymous)';
  if (!cf.url) return name;
  const url = cf.url.replace(/^file:\/\//, '');
  return `${name} ${relative(process.cwd(), url)}:${cf.lineNumber + 1}`;
}

if (prof.head !== undefined) {
  heapProfile(prof);
  process.exit(0);
}

// Sample counts → self time per node; time deltas give each sample's weight.
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
const deltas = prof.timeDeltas ?? [];
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0));
}
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map();
const total = new Map();
let all = 0;
for (const [id, us] of selfUs) {
  all += us;
  const n = byId.get(id);
  const key = label(n);
  self.set(key, (self.get(key) ?? 0) + us);
  // Inclusive: charge every distinct function on the stack once.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = label(byId.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + us);
  }
}

const print = (title, map) => {
  console.log(`\n${title} (of ${(all / 1e6).toFixed(2)} s sampled)\n`);
  console.log('| ms | % | function |');
  console.log('|---:|---:|---|');
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`| ${(us / 1000).toFixed(0)} | ${((100 * us) / all).toFixed(1)} | ${k.replace(/\|/g, '\\|')} |`);
  }
};
print('Self time', self);
if (!process.argv.includes('--self-only')) print('Total (inclusive) time', total);

/** Sampling heap profile: allocated bytes by allocating function (self). */
function heapProfile(p) {
  const self = new Map();
  let all = 0;
  const walk = (n) => {
    if (n.selfSize > 0) {
      const k = label(n);
      self.set(k, (self.get(k) ?? 0) + n.selfSize);
      all += n.selfSize;
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(p.head);
  console.log(`\nAllocated (sampled, still live at the end) by function, of ${(all / 1e6).toFixed(1)} MB\n`);
  console.log('| MB | % | function |');
  console.log('|---:|---:|---|');
  for (const [k, b] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`| ${(b / 1e6).toFixed(1)} | ${((100 * b) / all).toFixed(1)} | ${k.replace(/\|/g, '\\|')} |`);
  }
}
