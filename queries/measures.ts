/** The measures of every pilot, with the meaning vectors both measure questions compare. */
import type { Theme } from '../domain/records.ts';
import { defineCypher } from '../graph/cypher-registry.ts';
import type { QueryContext } from './context.ts';
import { MeaningModel, placeTermsOf, type Vector } from './meaning.ts';

/**
 * How alike (cosine of meaning vectors) two measure texts must be to count as the same measure
 * tried in two places. Calibrated on the hand-labelled pairs of tests/golden/measure-pairs/
 * (tests/measure-similarity.test.ts reports precision and recall there); nothing below it is
 * returned as similar.
 */
export const SAME_MEASURE = 0.28;

export interface MeasureDoc {
  id: string;
  text: string;
  themes: Theme[];
  subGoalThemes: Theme[];
  pilot: string;
  pilotName: string;
  vector: Vector;
}

type MeasureRow = Omit<MeasureDoc, 'themes' | 'subGoalThemes' | 'vector'> & { themes: Theme[] | null; subGoalThemes: Theme[] | null };

const ALL_MEASURES = defineCypher<MeasureRow>(
  'question.measures.all',
  'read',
  `MATCH (pilot:Pilot)<-[:FOR_PILOT]-(a:Agreement)-[:HAS_SUBGOAL]->(s:SubGoal)-[:HAS_MEASURE]->(m:Measure)
   RETURN m.id AS id, m.text AS text, m.themes AS themes, s.themes AS subGoalThemes, pilot.id AS pilot, pilot.name AS pilotName
   ORDER BY id`,
);

/** Names of pilots and of their municipalities (a party without a name gives null). */
export const PLACE_NAMES = defineCypher<{ name: string | null }>(
  'question.place-names',
  'read',
  `MATCH (pilot:Pilot) RETURN pilot.name AS name
   UNION
   MATCH (:Pilot)-[:INCLUDES]->(m:Party) RETURN m.name AS name`,
);

/** Terms of the pilots' and municipalities' names: they say where, not what. */
export function placeTerms(ctx: QueryContext): Promise<Set<string>> {
  return ctx.cached('place-terms', async () => placeTermsOf((await ctx.read(PLACE_NAMES)).map((r) => r.name).filter((n) => n !== null)));
}

export function measureIndex(ctx: QueryContext): Promise<{ measures: MeasureDoc[]; model: MeaningModel }> {
  return ctx.cached('measures', async () => {
    const rows = await ctx.read(ALL_MEASURES);
    const model = new MeaningModel(
      rows.map((r) => r.text),
      await placeTerms(ctx),
    );
    const measures = rows.map((r) => ({
      id: r.id,
      text: r.text,
      themes: r.themes ?? [],
      subGoalThemes: r.subGoalThemes ?? [],
      pilot: r.pilot,
      pilotName: r.pilotName,
      vector: model.vector(r.text),
    }));
    return { measures, model };
  });
}
