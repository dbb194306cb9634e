/** Word-level F1 of a text read from a PDF against its source text, for the text-layer tests. */

/** Word-level F1 of two texts, as multisets of whitespace-separated words. */
export function wordF1(reference: string, candidate: string): number {
  const bag = (t: string) => {
    const m = new Map<string, number>();
    for (const w of t.split(/\s+/).filter(Boolean)) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  const ref = bag(reference);
  const got = bag(candidate);
  let common = 0;
  for (const [w, n] of ref) common += Math.min(n, got.get(w) ?? 0);
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const precision = common / total(got);
  const recall = common / total(ref);
  return (2 * precision * recall) / (precision + recall);
}
