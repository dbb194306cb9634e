/** Summaries of repeated measurements. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  p95: number;
  p99: number;
  runs: number;
}

export function summarise(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { median: round(at(0.5)), min: round(sorted[0]!), max: round(sorted[sorted.length - 1]!), p95: round(at(0.95)), p99: round(at(0.99)), runs: sorted.length };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Peak resident memory of this process so far, in MiB. */
export function peakRssMiB(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}
