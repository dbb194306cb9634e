/** The measures of every pilot, with the TF-IDF vectors both measure questions compare. */
import type { Theme } from '../domain/records.ts';
import { defineCypher } from '../graph/cypher-registry.ts';
import type { QueryContext } from './context.ts';
import { TfIdf, type Vector } from './text-similarity.ts';

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

export function measureIndex(ctx: QueryContext): Promise<{ measures: MeasureDoc[]; model: TfIdf }> {
  return ctx.cached('measures', async () => {
    const rows = await ctx.read(ALL_MEASURES);
    const model = new TfIdf(rows.map((r) => r.text));
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
