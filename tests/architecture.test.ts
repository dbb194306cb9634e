/**
 * The layers point one way: domain ← ingest, graph ← pipeline, queries ← api ← cli. Read from the
 * import statements of every source file, so a new import that runs back up fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/corpus.ts';

/** Each layer and the layers it may import (besides itself). */
const ALLOWED: Record<string, string[]> = {
  domain: [],
  ingest: ['domain'],
  graph: ['domain'],
  pipeline: ['domain', 'ingest', 'graph'],
  queries: ['domain', 'graph'],
  // the browser's explorer sees the domain's vocabularies and nothing else of the server
  explorer: ['domain'],
  api: ['domain', 'graph', 'pipeline', 'queries', 'explorer'],
  cli: ['domain', 'ingest', 'graph', 'pipeline', 'queries', 'api'],
  corpus: [],
  // and the test run's Neo4j server, to measure the embedded store beside Neo4j
  bench: ['domain', 'ingest', 'graph', 'pipeline', 'queries', 'api', 'cli', 'corpus', 'neo4j-server'],
};
const LAYERS = Object.keys(ALLOWED);

function layerOf(file: string): string {
  if (file.startsWith('api/explorer/src/')) return 'explorer';
  if (file.startsWith('tests/neo4j-server/')) return 'neo4j-server';
  return file.split('/')[0]!;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(projectRoot, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(projectRoot, path)).isDirectory()) return name === 'node_modules' || name.startsWith('.') ? [] : sourceFiles(path);
    return /\.(ts|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Project files a file imports (static, re-exported and dynamic imports), as paths from the project root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(projectRoot, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]!);
  return specifiers.map((s) => relative(projectRoot, resolve(projectRoot, dirname(file), s)));
}

const files = LAYERS.filter((l) => l !== 'explorer').flatMap((layer) => sourceFiles(layer));
const edges = files.flatMap((from) => importsOf(from).map((to) => ({ from, to })));

describe('the import graph', () => {
  it('reads the source files of every layer', () => {
    for (const layer of LAYERS) expect(files.some((f) => layerOf(f) === layer), layer).toBe(true);
    expect(edges.length).toBeGreaterThan(100);
  });

  it('has no arrow from a lower layer back to a higher one', () => {
    const wrong = edges
      .filter(({ from, to }) => layerOf(from) !== layerOf(to) && !(ALLOWED[layerOf(from)] ?? []).includes(layerOf(to)))
      .map(({ from, to }) => `${from} → ${to}`);
    expect(wrong).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const folder = (f: string) => dirname(f);
    const next = new Map<string, Set<string>>();
    for (const { from, to } of edges) {
      if (folder(from) === folder(to)) continue;
      next.set(folder(from), (next.get(folder(from)) ?? new Set()).add(folder(to)));
    }
    expect(cycles(next)).toEqual([]);
  });

  it('has no cycle between files', () => {
    const next = new Map<string, Set<string>>();
    for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
    expect(cycles(next)).toEqual([]);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    expect(cycles(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]))).toEqual(['a ⇄ b ⇄ c']);
  });
});

/** The groups of nodes that reach each other (strongly connected components of two or more), each as "a ⇄ b ⇄ c". */
function cycles(next: Map<string, Set<string>>): string[] {
  // Tarjan's algorithm: linear in the edges, so the file graph is checked at once
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[] = [];
  const connect = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || next.get(node)?.has(node)) groups.push(group.sort().join(' ⇄ '));
  };
  for (const node of next.keys()) if (!index.has(node)) connect(node);
  return groups.sort();
}
