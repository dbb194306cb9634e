/**
 * A regular expression's alternation of many literal forms, as a trie: `Nord(?:-Troms(?: kommune)?|land)`
 * rather than `Nord-Troms kommune|Nord-Troms|Nordland`. It matches what the flat alternation with
 * the longest forms first matches — at any place the forms that fit lie on one path of the trie,
 * and each optional rest is greedy, so the longest is tried first — but the engine looks at a
 * text's character once per branch instead of once per form: with a few hundred organisation
 * names, finding them in a document took most of the time spent on its parties.
 */
import { escapeRegExp } from './names.ts';

interface TrieNode {
  /** By the character's key: itself, or lower-cased when case is ignored. */
  next: Map<string, { written: string; node: TrieNode }>;
  ends: boolean;
}

/** The source of a group-free pattern (wrap it in a group to use it) matching exactly `forms`, longest first. */
export function longestFirstAlternation(forms: Iterable<string>, options: { ignoreCase: boolean }): string {
  const root: TrieNode = { next: new Map(), ends: false };
  for (const form of forms) {
    if (form === '') continue;
    let node = root;
    for (const written of form) {
      // one code point a step; lower-cased only where that keeps it one (the regex's /i compares folded characters)
      const lower = written.toLowerCase();
      const key = options.ignoreCase && [...lower].length === 1 ? lower : written;
      let child = node.next.get(key);
      if (!child) {
        child = { written, node: { next: new Map(), ends: false } };
        node.next.set(key, child);
      }
      node = child.node;
    }
    node.ends = true;
  }
  return restOf(root) ?? '(?!)';
}

/** What may follow a node: undefined when nothing does. */
function restOf(node: TrieNode): string | undefined {
  const branches = [...node.next.values()].map(({ written, node: child }) => escapeRegExp(written) + (restOf(child) ?? ''));
  if (branches.length === 0) return undefined;
  const rest = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  if (!node.ends) return rest;
  // a form ends here and longer ones go on: the longer are tried first (greedy)
  return branches.length === 1 && [...branches[0]!].length === 1 ? `${rest}?` : `(?:${rest})?`;
}
