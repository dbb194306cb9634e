/**
 * The trie alternation of many forms finds what the flat alternation, longest forms first, finds:
 * on random forms and texts from a small alphabet (so that forms share prefixes, differ in case,
 * and end where others go on), with and without case, as a bare scan and inside the mention
 * pattern's word bounds.
 */
import { describe, expect, it } from 'vitest';
import { longestFirstAlternation } from '../domain/longest-alternation.ts';
import { escapeRegExp } from '../domain/names.ts';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ['a', 'A', 'b', 's', 'S', 'ø', 'Ø', 'å', ' ', '-', '.', '(', '|'];

function word(next: () => number, max: number): string {
  const length = 1 + Math.floor(next() * max);
  return Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
}

const flat = (forms: string[]) => [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
const matches = (source: string, flags: string, text: string) => [...text.matchAll(new RegExp(source, flags))].map((m) => [m.index, m[0], m[1]]);

describe('longestFirstAlternation', () => {
  it('matches as the flat alternation of the same forms, longest first', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const forms = [...new Set(Array.from({ length: 1 + Math.floor(next() * 12) }, () => word(next, 5)))];
      const text = word(next, 60);
      for (const ignoreCase of [false, true]) {
        const flags = ignoreCase ? 'giu' : 'gu';
        const trie = longestFirstAlternation(forms, { ignoreCase });
        expect(matches(`(${trie})`, flags, text), `seed ${seed}, ignoreCase ${ignoreCase}`).toEqual(matches(`(${flat(forms)})`, flags, text));
        const bounded = (alternation: string) => `(?<![\\p{L}\\p{N}])(${alternation})s?(?![\\p{L}\\p{N}])`;
        expect(matches(bounded(trie), flags, text), `seed ${seed}, ignoreCase ${ignoreCase}, in word bounds`).toEqual(matches(bounded(flat(forms)), flags, text));
      }
    }
  });

  it('shares prefixes, and matches nothing when there are no forms', () => {
    expect(longestFirstAlternation(['Nord-Troms kommune', 'Nord-Troms', 'Nordland'], { ignoreCase: false })).toBe('Nord(?:-Troms(?: kommune)?|land)');
    expect(new RegExp(longestFirstAlternation([], { ignoreCase: false })).test('anything')).toBe(false);
  });
});
