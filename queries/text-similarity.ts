/**
 * TF-IDF over stemmed, nynorsk-to-bokmål folded words, and cosine similarity: how the questions
 * compare sub-goals and measures across pilots and written standards.
 */
import { normalisedStems } from '../domain/nlp.ts';
import stopwords from '../domain/lexicon/stopwords.json' with { type: 'json' };

const STOP = new Set(stopwords.words.map((w) => normalisedStems(w)[0] ?? w));
const GENERIC = new Set(stopwords.genericForComparison.map((w) => normalisedStems(w)[0] ?? w));

export type Vector = Map<string, number>;

export function terms(text: string): string[] {
  return normalisedStems(text).filter((t) => t.length > 1 && !STOP.has(t) && !/^\d+$/.test(t));
}

interface ComparisonOptions {
  /**
   * Cut terms to their first letters: Norwegian builds words by compounding and derivation, and
   * the stemmer leaves "attraktivitet" and "attraktive" apart. Good for short titles; for
   * measures it joins too much ("kompetanse…").
   */
  prefix?: number;
  /** Leave out the verbs every goal uses (øke, styrke, utvikle). */
  dropGeneric?: boolean;
  /** Words left out of every vector, such as place names the compared texts share. */
  ignore?: ReadonlySet<string>;
}

function comparable(text: string, options: ComparisonOptions): string[] {
  const cut = (t: string) => (options.prefix ? t.slice(0, options.prefix) : t);
  return terms(text)
    .filter((t) => !(options.dropGeneric && GENERIC.has(t)))
    .map(cut)
    .filter((t) => !options.ignore?.has(t));
}

export class TfIdf {
  private readonly idf = new Map<string, number>();
  private readonly documents: number;

  constructor(texts: string[], private readonly options: ComparisonOptions = {}) {
    this.documents = texts.length;
    const df = new Map<string, number>();
    for (const text of texts) for (const t of new Set(comparable(text, options))) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) this.idf.set(t, Math.log((1 + this.documents) / (1 + n)) + 1);
  }

  vector(text: string): Vector {
    const tf = new Map<string, number>();
    for (const t of comparable(text, this.options)) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: Vector = new Map();
    let norm = 0;
    for (const [t, n] of tf) {
      const w = n * (this.idf.get(t) ?? Math.log(1 + this.documents) + 1);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
    return v;
  }
}

/** The terms of place names (cut like the compared texts), to leave out when texts from the same area are compared. */
export function placeTerms(names: string[], prefix?: number): Set<string> {
  return new Set(names.flatMap((n) => terms(n).map((t) => (prefix ? t.slice(0, prefix) : t))));
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [t, w] of small) sum += w * (large.get(t) ?? 0);
  return sum;
}

/** Rounded for display and for stable comparison. */
export function score(value: number): number {
  return Math.round(value * 1000) / 1000;
}
