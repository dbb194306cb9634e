/** Compound splitting from the hunspell word lists of both written standards. */
import { describe, expect, it } from 'vitest';
import { compoundParts } from '../domain/compounds.ts';

describe('compoundParts', () => {
  it.each([
    ['boligbygging', ['bolig', 'bygging']],
    ['bustadbygging', ['bustad', 'bygging']],
    ['næringshagen', ['næring', 'hagen']],
    ['utleieboliger', ['utleie', 'boliger']],
    ['hospiteringsordning', ['hospitering', 'ordning']],
    ['primærnæringene', ['primær', 'næringene']],
    ['kommunesamarbeid', ['kommune', 'samarbeid']],
    ['studiesenter', ['studie', 'senter']],
    ['busstilbudet', ['buss', 'tilbudet']],
    ['arkitektstudenters', ['arkitekt', 'studenter']],
  ])('splits %s', (word, parts) => {
    expect(compoundParts(word)).toEqual(parts);
  });

  it.each(['kompetanse', 'attraktivitet', 'samarbeid', 'bosetting', 'regionen', 'kommunene', 'sikkerheten', 'muligheter', 'samarbeidet', 'kompetansen', 'prioriteringene'])('leaves %s whole', (word) => {
    expect(compoundParts(word)).toEqual([word]);
  });
});
