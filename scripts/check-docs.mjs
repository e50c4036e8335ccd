#!/usr/bin/env node
// Docs that cannot drift: every relative link and #anchor in README.md, CONTRIBUTING.md, SECURITY.md and
// docs/*.md resolves (the file exists; the anchor is a heading of the target by GitHub's rules), and every
// alert in docker/prometheus/alerts.yml names a runbook_url section that exists. Node's standard library only.
// Usage: node scripts/check-docs.mjs [repository root]; exits 1 listing each broken link.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), '..'));
const problems = [];

// GitHub's heading ids: lower case, punctuation dropped (letters, digits, '-', '_' and spaces kept),
// spaces to '-', a repeated id numbered -1, -2, ...
function slug(heading) {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{N}\p{M} _-]/gu, '').replace(/ /g, '-');
}

// The markdown lines outside fenced code blocks, with their line numbers.
function prose(text) {
  const lines = [];
  let fence = null;
  text.split('\n').forEach((line, i) => {
    const opening = line.match(/^\s*(```+|~~~+)/);
    if (opening) {
      if (fence === null) fence = opening[1][0];
      else if (opening[1][0] === fence) fence = null;
      return;
    }
    if (fence === null) lines.push({ number: i + 1, line });
  });
  return lines;
}

const anchorCache = new Map();
function anchors(file) {
  if (!anchorCache.has(file)) {
    const ids = new Set();
    const seen = new Map();
    for (const { line } of prose(readFileSync(file, 'utf8'))) {
      const heading = line.match(/^#{1,6}\s+(.*?)\s*#*\s*$/);
      if (heading) {
        const base = slug(heading[1]);
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        ids.add(count === 0 ? base : `${base}-${count}`);
      }
      for (const html of line.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) ids.add(html[1]);
    }
    anchorCache.set(file, ids);
  }
  return anchorCache.get(file);
}

// Whether a relative target (path, #anchor or both) resolves from the folder `from`.
function broken(from, target) {
  const [path, anchor] = target.split('#', 2);
  const file = path === '' ? from.file : resolve(from.dir, decodeURIComponent(path));
  if (!existsSync(file)) return true;
  if (anchor === undefined || anchor === '') return false;
  if (!file.endsWith('.md') || statSync(file).isDirectory()) return false;
  return !anchors(file).has(anchor.toLowerCase());
}

const external = /^([a-z][a-z0-9+.-]*:|\/\/)/i;
const docs = ['README.md', 'CONTRIBUTING.md', 'SECURITY.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
for (const name of docs) {
  const file = join(root, name);
  if (!existsSync(file)) continue;
  for (const { number, line } of prose(readFileSync(file, 'utf8'))) {
    const text = line.replace(/`[^`]*`/g, '');
    const targets = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
    targets.push(...[...text.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]));
    for (const target of targets) {
      if (external.test(target)) continue;
      if (broken({ file, dir: dirname(file) }, target)) problems.push(`${name}:${number}: broken link ${target}`);
    }
  }
}

// Every alert names its runbook, relative to the repository root.
const rules = join(root, 'docker/prometheus/alerts.yml');
if (existsSync(rules)) {
  let alert = null;
  let runbook = null;
  const finish = () => {
    if (alert === null) return;
    if (runbook === null) problems.push(`alert ${alert} has no runbook_url`);
    else if (external.test(runbook) || broken({ file: rules, dir: root }, runbook)) {
      problems.push(`alert ${alert}: broken runbook_url ${runbook}`);
    }
  };
  for (const line of readFileSync(rules, 'utf8').split('\n')) {
    const name = line.match(/^\s*-\s*alert:\s*(\S+)/);
    if (name) {
      finish();
      alert = name[1];
      runbook = null;
    }
    const url = line.match(/^\s*runbook_url:\s*["']?([^"'\s]+)/);
    if (url) runbook = url[1];
  }
  finish();
}

for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`${problems.length} broken link(s) in ${relative(process.cwd(), root) || '.'}`);
  process.exit(1);
}
console.log(`docs: every relative link, anchor and runbook resolves (${docs.length} files)`);
