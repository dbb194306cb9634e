// The parts of `natural` we load one by one (see domain/nlp.ts for why).
declare module 'natural/lib/natural/stemmers/porter_stemmer_no.js' {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  export function DamerauLevenshteinDistance(a: string, b: string, options?: object): number;
}
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_no.js' {
  export default class AggressiveTokenizerNo {
    tokenize(text: string): string[];
  }
}
