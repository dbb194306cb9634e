/**
 * Norwegian compound splitting from the hunspell word lists of both written standards
 * (dictionary-nb, dictionary-nn): "boligbygging" → bolig + bygging, "næringshagen" → næring +
 * hagen, "studiesenter" → studie + senter. Norwegian writes compounds as one word, and two
 * authors write the same measure as "boligbygging" and "bygging av bustader"; comparing the parts
 * lets them meet. The lists (about 570,000 forms) are read once, on first use.
 */
import rules from './lexicon/compounds.json' with { type: 'json' };
import { rememberedForm } from './word-form-cache.ts';
import { isBareEnding, isWordForm, MIN_STEM, wordLists } from './word-lists.ts';

/** Shorter parts are too often chance substrings ("by", "ti"). */
const MIN_PART = MIN_STEM;
/** Shorter words are not split. */
const MIN_WORD = 7;
/** A word whose parts are this short is more likely no compound ("samar-beid", "attr-aktivitet"). */
const MIN_PART_OF_KNOWN = 5;
/** The last part is a word of its own, not a derivational ending the lists also hold. */
const MIN_TAIL = 4;
const LINKS = rules.links;
const NO_PARTS = new Set(rules.notParts);
const ENDINGS = rules.endings;

/**
 * The parts of a lower-case word, or the word alone when it is no compound of known words.
 * Of the ways to split it, the one with the fewest parts wins, then the one whose heads are
 * base forms ("primær + næringene", not "primærn + æringene"), then the one whose shortest part
 * is longest.
 */
export function compoundParts(word: string): string[] {
  if (word.length < MIN_WORD) return [word];
  return rememberedForm('compoundParts', word, () => splitCompound(word));
}

function splitCompound(word: string): string[] {
  const words = wordLists().both;
  // a listed stem with an ending ("samarbeid-et") splits as its stem does, the ending kept on the last part
  const root = listedRoot(word, words);
  if (root) {
    const parts = compoundParts(root.stem);
    return [...parts.slice(0, -1), parts.at(-1)! + word.slice(root.stem.length)];
  }
  let split = bestSplit(word, words, 0);
  // a genitive -s ("arkitektstudenters") is no part of the last word
  if (word.endsWith('s') && !isWordForm(word, words)) {
    const bare = bestSplit(word.slice(0, -1), words, 0);
    if (bare && (!split || !better(split, bare))) split = bare;
  }
  // a word the lists hold whole (or with an ending) is split only into long parts: "boligbygging", not "kompetanse"
  return split && (!isWordForm(word, words) || plausibleSplitOfListed(split.parts)) ? split.parts : [word];
}

/**
 * A listed word is split only into long parts ("boligbygging", not "samar-beid"), or into a
 * listed stem and a long last part ("buss-tilbud").
 */
function plausibleSplitOfListed(parts: string[]): boolean {
  if (parts.every((p) => p.length >= MIN_PART_OF_KNOWN)) return true;
  // a short first part listed in both standards is a word, not an abbreviation ("attr-aktivitet")
  const { nb, nn } = wordLists();
  return parts.length === 2 && nb.has(parts[0]!) && nn.has(parts[0]!) && parts[1]!.length > MIN_PART_OF_KNOWN;
}

interface Split {
  parts: string[];
  /** Parts before the last that were taken with an ending: a base-form head is the likelier reading. */
  inflected: number;
}

function bestSplit(word: string, words: Set<string>, depth: number): Split | undefined {
  let best: Split | undefined;
  for (let i = MIN_PART; i <= word.length - MIN_TAIL; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (NO_PARTS.has(tail) || isBareEnding(tail)) continue;
    for (const form of headForms(head, words)) {
      const rest: Split | undefined = isWordForm(tail, words) ? { parts: [tail], inflected: 0 } : depth < 2 && tail.length >= MIN_WORD - 1 ? bestSplit(tail, words, depth + 1) : undefined;
      if (!rest) continue;
      const candidate = { parts: [form.word, ...rest.parts], inflected: rest.inflected + (form.base ? 0 : 1) };
      if (!best || better(candidate, best)) best = candidate;
    }
  }
  return best;
}

/** The listed stem a word is an inflection of ("samarbeidet" → samarbeid), when it is one. */
function listedRoot(word: string, words: Set<string>): { stem: string } | undefined {
  if (words.has(word)) return undefined;
  for (const ending of ENDINGS) {
    if (!word.endsWith(ending)) continue;
    const stem = word.slice(0, -ending.length);
    if (stem.length >= MIN_WORD && words.has(stem)) return { stem };
  }
  return undefined;
}

/** The head as a word: without a linking letter ("nærings" → "næring"), or itself. */
function headForms(head: string, words: Set<string>): { word: string; base: boolean }[] {
  const forms: { word: string; base: boolean }[] = [];
  const last = head.slice(-1);
  const unlinked = head.slice(0, -1);
  // "arbeids" is listed, but "arbeid" is the part; "utleie", "kommune", "studie" keep their -e
  const linked = LINKS.includes(last) && !(last === 'e' && words.has(head));
  if (linked && head.length > MIN_PART && isWordForm(unlinked, words)) forms.push({ word: unlinked, base: words.has(unlinked) });
  if (isWordForm(head, words)) forms.push({ word: head, base: words.has(head) });
  return forms;
}

function better(a: Split, b: Split): boolean {
  if (a.parts.length !== b.parts.length) return a.parts.length < b.parts.length;
  if (a.inflected !== b.inflected) return a.inflected < b.inflected;
  const shortest = (parts: string[]) => Math.min(...parts.map((p) => p.length));
  return shortest(a.parts) > shortest(b.parts);
}
