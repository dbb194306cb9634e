/** The bench's projection to 50,000 documents: times along their log-log slope between the two largest sizes, memory along its increment per document. */
import { describe, expect, it } from 'vitest';
import type { ScalePoint } from '../bench/scaling.ts';
import { projection, PROJECT_TO } from '../bench/targets.ts';

const point = (documents: number, ingestS: number, peakRssMiB: number, medianMs: number) =>
  ({ documents, ingestS, peakRssMiB, questions: { search: { firstMs: medianMs, latencyMs: { median: medianMs, p99: medianMs, p95: medianMs, min: medianMs, max: medianMs, runs: 1 } } } }) as unknown as ScalePoint;

describe('projection', () => {
  it('is linear where a time grew tenfold, flat where it stayed, memory a fixed cost plus its increment, from the last two sizes only', () => {
    const ahead = projection([point(5, 99, 1, 1), point(500, 50, 1000, 20), point(5000, 500, 2000, 20)])!;
    expect(ahead.to).toBe(PROJECT_TO);
    expect(ahead.ingest).toEqual({ slope: 1, s: 5000 });
    // 1,000 MiB more for 4,500 documents more: 10,000 more from 2,000 at 5,000 documents
    expect(ahead.peakRss.mibPer1000).toBeCloseTo(222.2, 1);
    expect(ahead.peakRss.mib).toBeCloseTo(12_000, 0);
    expect(ahead.questions.search).toEqual({ slope: 0, medianMs: 20 });
  });

  it('gives nothing from a single size', () => {
    expect(projection([point(5000, 500, 2000, 20)])).toBeUndefined();
  });
});
