/**
 * Measures found by meaning, measured on hand-labelled pairs (tests/golden/measure-pairs/, written
 * from reading the report, the Tromsvekst agreement and the development set): SAME pairs must score
 * at or above SAME_MEASURE, RELATED and DIFFERENT pairs below it. The model is the one the server
 * builds over the stored corpus (measureIndex), so the figures are those of the API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestExtracted } from '../graph/documents.ts';
import type { EmbeddedStore } from '../graph/embedded-store.ts';
import { QueryContext } from '../queries/context.ts';
import { bokmaalFormOf } from '../domain/nynorsk-forms.ts';
import { cosine, expandSuspended, meaningTerms, score, type MeaningModel } from '../queries/meaning.ts';
import { measureIndex, SAME_MEASURE } from '../queries/measures.ts';
import { transferableMeasures } from '../queries/transferable-measures.ts';
import { similarMeasures } from '../queries/similar-measures.ts';
import { projectRoot } from './helpers/corpus.ts';
import { extractCorpus, temporaryStore } from './helpers/store.ts';

type Label = 'SAME' | 'RELATED' | 'DIFFERENT';
interface Pair {
  a: { document: string; page: number; text: string };
  b: { document: string; page: number; text: string };
  label: Label;
  why: string;
}
const readPairs = (file: string) => (JSON.parse(readFileSync(join(projectRoot, 'tests/golden/measure-pairs', file), 'utf8')) as { pairs: Pair[] }).pairs;
/** The pairs the threshold and the lexicons were calibrated on. */
const pairs = readPairs('pairs.json');
/** Pairs written afterwards, by reading only, and never used to tune anything: the honest figure. */
const heldOut = readPairs('held-out.json');
const pairKey = (p: Pair) => [p.a.text + p.a.page, p.b.text + p.b.page].sort().join('\u0000');

let store: EmbeddedStore;
let ctx: QueryContext;
let model: MeaningModel;

beforeAll(async () => {
  store = await temporaryStore();
  for (const x of await extractCorpus()) await ingestExtracted(store, x);
  ctx = new QueryContext(store);
  model = (await measureIndex(ctx)).model;
}, 120_000);

afterAll(async () => {
  await store?.close();
});

const similarity = (p: Pair) => cosine(model.vector(p.a.text), model.vector(p.b.text));

function confusion(scored: { label: Label; score: number }[], threshold: number) {
  const tp = scored.filter((p) => p.label === 'SAME' && p.score >= threshold).length;
  const fp = scored.filter((p) => p.label !== 'SAME' && p.score >= threshold).length;
  const fn = scored.filter((p) => p.label === 'SAME' && p.score < threshold).length;
  return { precision: tp / (tp + fp), recall: tp / (tp + fn) };
}

describe('the hand-labelled measure pairs', () => {
  it('are enough, of all three kinds, and each pair once', () => {
    const count = (label: Label) => pairs.filter((p) => p.label === label).length;
    expect(pairs.length).toBeGreaterThanOrEqual(150);
    expect(count('SAME')).toBeGreaterThanOrEqual(50);
    expect(count('RELATED')).toBeGreaterThanOrEqual(40);
    expect(count('DIFFERENT')).toBeGreaterThanOrEqual(60);
    const keys = pairs.map((p) => [p.a.text, p.b.text].sort().join('\u0000') + p.a.page + p.b.page);
    expect(new Set(keys).size).toBe(pairs.length);
  });
});

describe('the held-out pairs', () => {
  it('are enough, of all three kinds, and none is a calibration pair', () => {
    const count = (label: Label) => heldOut.filter((p) => p.label === label).length;
    expect(heldOut.length).toBeGreaterThanOrEqual(150);
    expect(count('SAME')).toBeGreaterThanOrEqual(50);
    expect(count('RELATED')).toBeGreaterThanOrEqual(45);
    expect(count('DIFFERENT')).toBeGreaterThanOrEqual(50);
    const calibration = new Set(pairs.map(pairKey));
    expect(heldOut.filter((p) => calibration.has(pairKey(p)))).toEqual([]);
    expect(new Set(heldOut.map(pairKey)).size).toBe(heldOut.length);
  });

  it('are separated at the calibrated threshold, as well as words alone allow', () => {
    const scored = heldOut.map((p) => ({ label: p.label, score: similarity(p) }));
    const strict = confusion(scored, SAME_MEASURE);
    const sameVsDifferent = confusion(scored.filter((p) => p.label !== 'RELATED'), SAME_MEASURE);
    console.log(
      `held-out pairs at ${SAME_MEASURE}: precision ${strict.precision.toFixed(2)}, recall ${strict.recall.toFixed(2)} (RELATED counted as not the same); ` +
        `precision ${sameVsDifferent.precision.toFixed(2)} against DIFFERENT alone`,
    );
    // floors just under what the model reaches on pairs it never saw (0.80 / 0.68 / 0.86)
    expect(strict.precision).toBeGreaterThanOrEqual(0.78);
    expect(strict.recall).toBeGreaterThanOrEqual(0.66);
    expect(sameVsDifferent.precision).toBeGreaterThanOrEqual(0.84);
  });
});

describe('measure similarity on the labelled pairs', () => {
  it('separates the same measure from related and different ones at the calibrated threshold', () => {
    const scored = pairs.map((p) => ({ label: p.label, score: similarity(p) }));
    const strict = confusion(scored, SAME_MEASURE);
    const sameVsDifferent = confusion(scored.filter((p) => p.label !== 'RELATED'), SAME_MEASURE);
    console.log(
      `measure pairs at ${SAME_MEASURE}: precision ${strict.precision.toFixed(2)}, recall ${strict.recall.toFixed(2)} (RELATED counted as not the same); ` +
        `precision ${sameVsDifferent.precision.toFixed(2)} against DIFFERENT alone`,
    );
    // floors just under what the model reaches (0.80 / 0.80 / 0.92): a change that loses ground fails
    expect(strict.precision).toBeGreaterThanOrEqual(0.78);
    expect(strict.recall).toBeGreaterThanOrEqual(0.78);
    expect(sameVsDifferent.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('scores SAME pairs higher on average than RELATED and DIFFERENT ones, and identical texts 1', () => {
    const mean = (label: Label) => {
      const of = pairs.filter((p) => p.label === label);
      return of.reduce((s, p) => s + similarity(p), 0) / of.length;
    };
    expect(mean('SAME')).toBeGreaterThan(mean('RELATED'));
    expect(mean('SAME')).toBeGreaterThan(mean('DIFFERENT'));
    const text = 'Utforme rammene for hospiteringsordning';
    expect(cosine(model.vector(text), model.vector(text))).toBeCloseTo(1, 6);
  });

  it('reads split compounds, nynorsk forms and synonyms as the same terms', () => {
    expect(meaningTerms('boligbygging')).toEqual(meaningTerms('bygging av boliger').reverse());
    expect(meaningTerms('utleigebustader')).toEqual(meaningTerms('utleieboliger'));
    expect(meaningTerms('tilsette i statlege verksemder')).toEqual(meaningTerms('ansatte i statlige virksomheter'));
    expect(cosine(model.vector('Kartleggje behovet for utleigebustader'), model.vector('Kartlegge behovet for utleieboliger'))).toBeCloseTo(1, 6);
  });

  it('folds nynorsk inflections the word pairs do not list, by rule', () => {
    expect(meaningTerms('Finne arbeid til medfølgjande partnarar')).toEqual(meaningTerms('Finne arbeid til medfølgende partnere'));
    expect(meaningTerms('Samordne prioriteringane for fylkesvegar')).toEqual(meaningTerms('Samordne prioriteringene for fylkesveger'));
    expect(meaningTerms('statlege arbeidsplassar for innbyggjarar')).toEqual(meaningTerms('statlige arbeidsplasser for innbyggere'));
  });

  it('writes out suspended compounds and reads multi-word verbs as one', () => {
    expect(expandSuspended('Forbedre buss- og togtilbudet')).toBe('Forbedre busstilbudet og togtilbudet');
    expect(expandSuspended('en attraktiv bo- og arbeidsmarkedsregion')).toBe('en attraktiv boregion og arbeidsmarkedsregion');
    expect(expandSuspended('kultur-, idretts- og friluftsanlegg')).toBe('kulturanlegg, idrettsanlegg og friluftsanlegg');
    expect(expandSuspended('Midt-Finnmark og Nord-Troms')).toBe('Midt-Finnmark og Nord-Troms');
    expect(meaningTerms('Forbedre buss- og togtilbudet')).toContain('transport');
    expect(meaningTerms('Greie ut felles kontorlokale')).toEqual(meaningTerms('Utrede felles kontorlokale'));
  });
});

describe('words the folding leaves alone', () => {
  it('keeps bokmål words that look like nynorsk inflections, and short words', () => {
    for (const word of ['seminar', 'januar', 'kommentar', 'samarbeidet', 'kompetansen', 'bar', 'var']) expect(bokmaalFormOf(word)).toBe(word);
    expect(bokmaalFormOf('kommunar')).toBe('kommuner');
    expect(bokmaalFormOf('byggjer')).toBe('bygger');
  });
});

describe('what the measure questions return', () => {
  it('returns no similar measure under the threshold, each with the terms it shares', async () => {
    for (const text of ['felles plankontor', 'trainee for unge', 'bustader for tilflyttarar', 'hospitering i statlege verksemder']) {
      const found = await similarMeasures(ctx, text, { limit: 50, offset: 0 });
      for (const m of found.items) {
        expect(m.score).toBeGreaterThanOrEqual(SAME_MEASURE);
        expect(m.sharedTerms.length).toBeGreaterThan(0);
      }
    }
    expect(await similarMeasures(ctx, 'månelanding og romfart', { limit: 50, offset: 0 })).toEqual({ totalCount: 0, items: [] });
  });

  it('counts in totalCount every measure at or above the threshold, and goes on from offset', async () => {
    const { measures, model: index } = await measureIndex(ctx);
    for (const text of ['felles plankontor', 'hospitering i statlege verksemder']) {
      const query = index.vector(text);
      // every measure of the corpus at or above the threshold, counted apart from the question
      // (scores are given to three decimals, and the threshold applies to the score as given)
      const above = measures.filter((m) => score(cosine(query, m.vector)) >= SAME_MEASURE).length;
      const whole = await similarMeasures(ctx, text, { limit: 10_000, offset: 0 });
      expect(whole.totalCount, text).toBe(whole.items.length);
      expect(whole.totalCount, text).toBeGreaterThan(3);
      expect(whole.totalCount, text).toBe(above);
      const first = await similarMeasures(ctx, text, { limit: 3, offset: 0 });
      const next = await similarMeasures(ctx, text, { limit: 3, offset: 3 });
      expect(first.totalCount, text).toBe(whole.totalCount);
      expect(next.totalCount, text).toBe(whole.totalCount);
      expect(first.items, text).toEqual(whole.items.slice(0, 3));
      expect(next.items, text).toEqual(whole.items.slice(3, 6));
      expect(new Set([...first.items, ...next.items].map((m) => m.measure)).size, text).toBe(first.items.length + next.items.length);
      // past the end: no items, and the count is still of the whole list
      expect(await similarMeasures(ctx, text, { limit: 3, offset: whole.totalCount }), text).toEqual({ totalCount: whole.totalCount, items: [] });
    }
  });

  it('joins in its clusters mostly measures the labelled pairs call the same, seldom different ones', async () => {
    const { measures } = await measureIndex(ctx);
    const text = new Map(measures.map((m) => [m.id, m.text]));
    const labelOf = new Map(pairs.map((p) => [[p.a.text, p.b.text].sort().join('\u0000'), p.label]));
    const clusters = await transferableMeasures(ctx, undefined, 2);
    expect(clusters.length).toBeGreaterThan(5);
    const seen: Record<Label, number> = { SAME: 0, RELATED: 0, DIFFERENT: 0 };
    for (const c of clusters) {
      expect(c.sharedTerms.length, c.label).toBeGreaterThan(0);
      const texts = [...new Set(c.measures.map((id) => text.get(id)!))];
      for (const [i, x] of texts.entries()) for (const y of texts.slice(i + 1)) {
        const label = labelOf.get([x, y].sort().join('\u0000'));
        if (label) seen[label]++;
      }
    }
    const labelled = seen.SAME + seen.RELATED + seen.DIFFERENT;
    console.log(`labelled pairs inside transferable clusters: ${seen.SAME} same, ${seen.RELATED} related, ${seen.DIFFERENT} different`);
    expect(labelled).toBeGreaterThan(20);
    expect(seen.SAME / labelled).toBeGreaterThanOrEqual(0.7);
    expect(seen.DIFFERENT / labelled).toBeLessThanOrEqual(0.12);
  });
});
