/** Keys and ids derived from names: one spelling-independent key, one stable id. */
import { toBokmaal } from './nlp.ts';

/** Lower case, dashes unified, white space collapsed, nynorsk words folded to bokmål. */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[\u2010\u2011\u2012\u2013\u2014]/g, '-')
    .replace(/^[\s,.;:()«»"]+|[\s,.;:()«»"]+$/g, '')
    .replace(/\s+/g, ' ')
    .split(/([\s/-])/)
    .map((part) => toBokmaal(part))
    .join('');
}

/** A stable id from a name: `slug("Smøla og Aure")` → "smola-og-aure". */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A name written in nynorsk, given in bokmål where the word pairs know its words. */
export function bokmaalName(name: string): string {
  return name
    .split(/([\s/-])/)
    .map((part) => {
      const folded = toBokmaal(part.toLowerCase());
      if (folded === part.toLowerCase()) return part;
      return /^\p{Lu}/u.test(part) ? folded.charAt(0).toUpperCase() + folded.slice(1) : folded;
    })
    .join('');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
