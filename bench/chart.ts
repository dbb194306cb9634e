/**
 * An SVG chart of the scaling run: ingest time and each question's p99 latency against the corpus
 * size (log scales), the embedded store's ingest projected to PROJECT_TO dashed (the questions'
 * projection is a table in the README: a p99 of 30 runs is too rough to carry ten times further),
 * and the Neo4j run's points beside it (write time, and each question's p99 as a hollow circle).
 */
import type { BackendsResult } from './backends.ts';
import type { ScalePoint } from './scaling.ts';
import { projection, PROJECT_TO } from './targets.ts';

const W = 900;
const H = 400;
const COLOURS = ['#1b6ca8', '#d1495b', '#2e933c', '#edae49', '#6a4c93', '#00798c', '#8d6a9f', '#5f0f40'];

interface Series {
  name: string;
  /** [documents, value] pairs; a value that is not finite is not drawn. */
  points: (readonly [number, number])[];
  colour: string;
  style?: 'line' | 'dashed' | 'hollow';
  /** false: drawn without a legend entry (a projection or another backend of a series already named). */
  legend?: boolean;
}

export function scalingChart(points: ScalePoint[], backends?: BackendsResult): string {
  const ahead = projection(points);
  const last = points.at(-1);
  const neo4j = backends && 'points' in backends ? backends.points : [];
  const names = Object.keys(last?.questions ?? {});
  const ingest: Series[] = [
    { name: 'ingest, embedded', points: points.map((p) => [p.documents, p.ingestS] as const), colour: COLOURS[0]! },
    ...(ahead && last ? [{ name: `projection (slope ${ahead.ingest.slope})`, points: [[last.documents, last.ingestS], [ahead.to, ahead.ingest.s]] as const, colour: COLOURS[0]!, style: 'dashed' } satisfies Series] : []),
    ...(neo4j.length > 0
      ? [
          { name: 'writes only, embedded', points: neo4j.map((p) => [p.documents, p.embedded.ingestS] as const), colour: COLOURS[2]!, style: 'hollow' } satisfies Series,
          { name: 'writes only, Neo4j', points: neo4j.map((p) => [p.documents, p.neo4j.ingestS] as const), colour: COLOURS[1]!, style: 'hollow' } satisfies Series,
        ]
      : []),
  ];
  const questions: Series[] = names.flatMap((name, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const measured: Series = { name, points: points.map((p) => [p.documents, p.questions[name]?.latencyMs.p99 ?? Number.NaN] as const), colour };
    const other = neo4j.length > 0 ? [{ name, points: neo4j.map((p) => [p.documents, p.neo4j.questions[name]?.p99 ?? Number.NaN] as const), colour, style: 'hollow', legend: false } satisfies Series] : [];
    return [measured, ...other];
  });
  const ns = [...new Set([...points.map((p) => p.documents), ...neo4j.map((p) => p.documents), ...(ahead ? [ahead.to] : [])])].sort((a, b) => a - b);
  const note = [ahead ? `dashed: ingest projected to ${PROJECT_TO}` : '', neo4j.length > 0 ? 'hollow: the backends run (Neo4j beside the embedded store)' : ''].filter(Boolean).join('; ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
${panel('Ingest (s)', ns, ingest, 55)}
${panel('Question p99 over HTTP, response cache off (ms)', ns, questions, W / 2 + 20)}
<text x="40" y="${H - 6}" fill="#555">${note}</text>
</svg>
`;
}

function panel(title: string, ns: number[], series: Series[], x0: number): string {
  const w = W / 2 - 70;
  const h = H - 140;
  const y0 = 40;
  const all = series.flatMap((s) => s.points.map(([, v]) => v)).filter((v) => Number.isFinite(v) && v > 0);
  const [xmin, xmax] = [Math.log10(Math.min(...ns)), Math.log10(Math.max(...ns))];
  const [ymin, ymax] = [Math.floor(Math.log10(Math.min(...all))), Math.ceil(Math.log10(Math.max(...all)))];
  const px = (n: number) => x0 + ((Math.log10(n) - xmin) / (xmax - xmin || 1)) * w;
  const py = (v: number) => y0 + h - ((Math.log10(Math.max(v, 10 ** ymin)) - ymin) / (ymax - ymin || 1)) * h;
  const parts: string[] = [`<text x="${x0}" y="20" font-size="13" font-weight="bold">${title}</text>`];
  parts.push(`<line x1="${x0}" y1="${y0 + h}" x2="${x0 + w}" y2="${y0 + h}" stroke="#333"/><line x1="${x0}" y1="${y0}" x2="${x0}" y2="${y0 + h}" stroke="#333"/>`);
  for (const n of ns) parts.push(`<text x="${px(n)}" y="${y0 + h + 15}" text-anchor="middle">${n}</text>`);
  parts.push(`<text x="${x0 + w / 2}" y="${y0 + h + 30}" text-anchor="middle">documents (log)</text>`);
  for (let e = ymin; e <= ymax; e++) {
    parts.push(`<line x1="${x0}" y1="${py(10 ** e)}" x2="${x0 + w}" y2="${py(10 ** e)}" stroke="#ddd"/><text x="${x0 - 5}" y="${py(10 ** e) + 4}" text-anchor="end">${10 ** e}</text>`);
  }
  let entry = 0;
  for (const s of series) {
    const drawn = s.points.filter(([, v]) => Number.isFinite(v));
    if (s.style !== 'hollow') {
      parts.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="2"${s.style === 'dashed' ? ' stroke-dasharray="5,4"' : ''} points="${drawn.map(([n, v]) => `${px(n)},${py(v)}`).join(' ')}"/>`);
    }
    if (s.style !== 'dashed') {
      for (const [n, v] of drawn) parts.push(s.style === 'hollow' ? `<circle cx="${px(n)}" cy="${py(v)}" r="4" fill="white" stroke="${s.colour}" stroke-width="2"/>` : `<circle cx="${px(n)}" cy="${py(v)}" r="3" fill="${s.colour}"/>`);
    }
    if (s.legend === false) continue;
    const [lx, ly] = [x0 + (entry % 3) * 130, y0 + h + 42 + Math.floor(entry / 3) * 14];
    parts.push(`<rect x="${lx}" y="${ly}" width="10" height="10" fill="${s.style === 'hollow' ? 'white' : s.colour}" stroke="${s.colour}"/><text x="${lx + 14}" y="${ly + 9}">${s.name}</text>`);
    entry++;
  }
  return parts.join('\n');
}
