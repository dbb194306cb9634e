/** The README's performance tables are the latest bench results, not hand-written figures. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { README_END, README_START, renderReadmeTables, withTables } from '../bench/targets.ts';

const root = join(import.meta.dirname, '..');

describe("the README's performance tables", () => {
  it('are what bench/results/ says, as npm run bench writes them', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain(README_START);
    expect(readme).toContain(README_END);
    expect(withTables(readme, renderReadmeTables(join(root, 'bench/results')))).toBe(readme);
  });

  it('hold a target table with a verdict on each row', () => {
    const tables = renderReadmeTables(join(root, 'bench/results'));
    expect(tables).toMatch(/\| target \| measured \| met \|/);
    expect(tables).toMatch(/p99 ≤ 100 ms at 5000 documents/);
  });
});
