/** An SVG chart of the scaling run: ingest time and each question's p99 latency against the corpus size (log scales). */
import type { ScalePoint } from './scaling.ts';

const W = 900;
const H = 380;
const COLOURS = ['#1b6ca8', '#d1495b', '#2e933c', '#edae49', '#6a4c93', '#00798c', '#8d6a9f', '#5f0f40'];

export function scalingChart(points: ScalePoint[]): string {
  const ns = points.map((p) => p.documents);
  const left = panel(
    'Ingest, whole pipeline (s)',
    ns,
    [{ name: 'ingest', values: points.map((p) => p.ingestS) }],
    40,
  );
  const names = Object.keys(points[0]?.questions ?? {});
  const right = panel(
    'Question p99 over HTTP, response cache off (ms)',
    ns,
    names.map((name) => ({ name, values: points.map((p) => p.questions[name]?.latencyMs.p99 ?? Number.NaN) })),
    W / 2 + 20,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
${left}
${right}
</svg>
`;
}

function panel(title: string, ns: number[], series: { name: string; values: number[] }[], x0: number): string {
  const w = W / 2 - 70;
  const h = H - 120;
  const y0 = 40;
  const all = series.flatMap((s) => s.values).filter((v) => v > 0);
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
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    // a question that failed at a size (NaN) has no point there
    const drawn = s.values.map((v, j) => [ns[j]!, v] as const).filter(([, v]) => Number.isFinite(v));
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${drawn.map(([n, v]) => `${px(n)},${py(v)}`).join(' ')}"/>`);
    for (const [n, v] of drawn) parts.push(`<circle cx="${px(n)}" cy="${py(v)}" r="3" fill="${colour}"/>`);
    parts.push(`<rect x="${x0 + (i % 3) * 130}" y="${y0 + h + 42 + Math.floor(i / 3) * 14}" width="10" height="10" fill="${colour}"/><text x="${x0 + (i % 3) * 130 + 14}" y="${y0 + h + 51 + Math.floor(i / 3) * 14}">${s.name}</text>`);
  });
  return parts.join('\n');
}
