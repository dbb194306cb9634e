/** The measures of every pilot, with the TF-IDF vectors both measure questions compare. */
import { defineCypher } from '../graph/cypher-registry.ts';
import type { QueryContext } from './context.ts';
import { TfIdf, type Vector } from './text-similarity.ts';

export interface MeasureDoc {
  id: string;
  text: string;
  themes: string[];
  subGoalThemes: string[];
  pilot: string;
  pilotName: string;
  vector: Vector;
}

const ALL_MEASURES = defineCypher(
  'question.measures.all',
  'read',
  `MATCH (pilot:Pilot)<-[:FOR_PILOT]-(a:Agreement)-[:HAS_SUBGOAL]->(s:SubGoal)-[:HAS_MEASURE]->(m:Measure)
   RETURN m.id AS id, m.text AS text, m.themes AS themes, s.themes AS subGoalThemes, pilot.id AS pilot, pilot.name AS pilotName
   ORDER BY id`,
);

export function measureIndex(ctx: QueryContext): Promise<{ measures: MeasureDoc[]; model: TfIdf }> {
  return ctx.cached('measures', async () => {
    const rows = await ctx.read(ALL_MEASURES);
    const model = new TfIdf(rows.map((r) => r.text as string));
    const measures = rows.map((r) => ({
      id: r.id as string,
      text: r.text as string,
      themes: (r.themes as string[] | null) ?? [],
      subGoalThemes: (r.subGoalThemes as string[] | null) ?? [],
      pilot: r.pilot as string,
      pilotName: r.pilotName as string,
      vector: model.vector(r.text as string),
    }));
    return { measures, model };
  });
}
