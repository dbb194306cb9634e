/**
 * Renders every tests/golden/dev-set/sources/<name>.md to
 * tests/golden/dev-set/pdf/<name>.<generator>.pdf with three generators:
 *
 *   pdfkit       in-process (devDependency), always available
 *   libreoffice  .fodt → soffice --headless --convert-to pdf   (Debian: libreoffice-writer-nogui, hyphen-no)
 *   chromium     .html → chromium --headless --print-to-pdf      (Debian: chromium)
 *
 * Usage:  npx tsx tests/golden/dev-set/build/build.ts [options] [name …]
 *   name …                 only sources whose file name starts with one of these (e.g. dev-1)
 *   --only pdfkit,chromium only these generators
 *   --keep <dir>           keep the intermediate .fodt / .html files in <dir>
 *   --no-soft-hyphens      Chromium: rely on CSS hyphens:auto alone (no pre-computed soft hyphens)
 *
 * A generator whose tool is missing is skipped with a message; the others still run. The exit
 * code is 1 only when a generator that was available failed. Set SOFFICE or CHROMIUM to use
 * another binary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderFodt } from './render-fodt.ts';
import { renderHtml } from './render-html.ts';
import { renderPdfkit } from './render-pdfkit.ts';
import { parseSource, type SourceDocument } from './source.ts';

const GENERATORS = ['pdfkit', 'libreoffice', 'chromium'] as const;
type Generator = (typeof GENERATORS)[number];

const here = dirname(fileURLToPath(import.meta.url));
const setDir = resolve(here, '..');
const sourceDir = join(setDir, 'sources');
const pdfDir = join(setDir, 'pdf');

function parseArgs(argv: string[]) {
  let only: Generator[] = [...GENERATORS];
  let keep: string | null = null;
  let softHyphens = true;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--only') {
      const list = (argv[++i] ?? '').split(',').filter(Boolean);
      for (const g of list) if (!(GENERATORS as readonly string[]).includes(g)) throw new Error(`unknown generator "${g}" (use ${GENERATORS.join(', ')})`);
      only = list as Generator[];
    } else if (arg === '--keep') {
      keep = resolve(argv[++i] ?? '');
    } else if (arg === '--no-soft-hyphens') {
      softHyphens = false;
    } else if (arg === '--help' || arg === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
      process.exit(0);
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      names.push(arg);
    }
  }
  return { only, keep, softHyphens, names };
}

/** First of the candidates that runs with --version, or null. */
function findTool(candidates: string[]): string | null {
  for (const cmd of candidates) {
    const r = spawnSync(cmd, ['--version'], { encoding: 'utf8', timeout: 60_000 });
    if (!r.error && r.status === 0) return cmd;
  }
  return null;
}

function pdfPages(file: string): number | null {
  const r = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  const m = /^Pages:\s+(\d+)/m.exec(r.stdout);
  return m ? Number(m[1]) : null;
}

interface Result {
  name: string;
  generator: Generator;
  status: 'ok' | 'skipped' | 'failed';
  detail: string;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const files = readdirSync(sourceDir)
    .filter((f) => f.endsWith('.md'))
    .filter((f) => args.names.length === 0 || args.names.some((n) => f.startsWith(n)))
    .sort();
  if (files.length === 0) {
    console.error(`no sources in ${sourceDir}${args.names.length ? ` matching ${args.names.join(', ')}` : ''}`);
    process.exit(1);
  }
  mkdirSync(pdfDir, { recursive: true });
  const work = args.keep ?? mkdtempSync(join(tmpdir(), 'dev-set-build-'));
  mkdirSync(work, { recursive: true });

  const docs: SourceDocument[] = [];
  const results: Result[] = [];
  for (const file of files) {
    const name = file.replace(/\.md$/, '');
    try {
      docs.push(parseSource(name, readFileSync(join(sourceDir, file), 'utf8')));
    } catch (error) {
      results.push({ name, generator: 'pdfkit', status: 'failed', detail: `source does not parse: ${(error as Error).message}` });
    }
  }

  // 1. pdfkit
  if (args.only.includes('pdfkit')) {
    for (const doc of docs) {
      try {
        const pdf = await renderPdfkit(doc);
        writeFileSync(join(pdfDir, `${doc.name}.pdfkit.pdf`), pdf);
        results.push({ name: doc.name, generator: 'pdfkit', status: 'ok', detail: '' });
      } catch (error) {
        results.push({ name: doc.name, generator: 'pdfkit', status: 'failed', detail: (error as Error).stack ?? String(error) });
      }
    }
  }

  // 2. LibreOffice (one soffice run for all files, with a private profile so that a parallel
  //    soffice — another build, a desktop session — does not block it)
  if (args.only.includes('libreoffice')) {
    const soffice = findTool([process.env.SOFFICE ?? '', 'soffice', 'libreoffice'].filter(Boolean));
    if (!soffice) {
      for (const doc of docs) results.push({ name: doc.name, generator: 'libreoffice', status: 'skipped', detail: 'soffice not found (apt-get install -y libreoffice-writer-nogui hyphen-no)' });
      console.warn('libreoffice: skipped, soffice not found — apt-get install -y libreoffice-writer-nogui hyphen-no');
    } else {
      if (!existsSync('/usr/share/hyphen/hyph_nb_NO.dic')) console.warn('libreoffice: Norwegian hyphenation patterns not found (apt-get install -y hyphen-no); text will not be hyphenated');
      const loDir = join(work, 'libreoffice');
      mkdirSync(loDir, { recursive: true });
      const inputs = docs.map((doc) => {
        const file = join(loDir, `${doc.name}.libreoffice.fodt`);
        writeFileSync(file, renderFodt(doc));
        return file;
      });
      const profile = mkdtempSync(join(tmpdir(), 'dev-set-lo-profile-'));
      const r = spawnSync(soffice, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', loDir, ...inputs], {
        encoding: 'utf8',
        timeout: 600_000,
      });
      rmSync(profile, { recursive: true, force: true });
      for (const doc of docs) {
        const out = join(loDir, `${doc.name}.libreoffice.pdf`);
        if (existsSync(out)) {
          renameSync(out, join(pdfDir, `${doc.name}.libreoffice.pdf`));
          results.push({ name: doc.name, generator: 'libreoffice', status: 'ok', detail: '' });
        } else {
          results.push({ name: doc.name, generator: 'libreoffice', status: 'failed', detail: `no PDF from soffice (exit ${r.status}): ${r.stderr || r.stdout || r.error?.message}` });
        }
      }
    }
  }

  // 3. Chromium
  if (args.only.includes('chromium')) {
    const chromium = findTool([process.env.CHROMIUM ?? '', 'chromium', 'chromium-browser', 'google-chrome'].filter(Boolean));
    if (!chromium) {
      for (const doc of docs) results.push({ name: doc.name, generator: 'chromium', status: 'skipped', detail: 'chromium not found (apt-get install -y chromium)' });
      console.warn('chromium: skipped, chromium not found — apt-get install -y chromium');
    } else {
      const htmlDir = join(work, 'chromium');
      mkdirSync(htmlDir, { recursive: true });
      for (const doc of docs) {
        const html = join(htmlDir, `${doc.name}.chromium.html`);
        writeFileSync(html, renderHtml(doc, { softHyphens: args.softHyphens }));
        const out = join(pdfDir, `${doc.name}.chromium.pdf`);
        rmSync(out, { force: true });
        const profile = mkdtempSync(join(tmpdir(), 'dev-set-chromium-'));
        const r = spawnSync(
          chromium,
          ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${profile}`, '--no-pdf-header-footer', `--print-to-pdf=${out}`, pathToFileURL(html).href],
          { encoding: 'utf8', timeout: 180_000 },
        );
        rmSync(profile, { recursive: true, force: true });
        if (existsSync(out)) results.push({ name: doc.name, generator: 'chromium', status: 'ok', detail: '' });
        else results.push({ name: doc.name, generator: 'chromium', status: 'failed', detail: `no PDF from chromium (exit ${r.status}): ${(r.stderr || r.error?.message || '').slice(-2000)}` });
      }
    }
  }

  if (!args.keep) rmSync(work, { recursive: true, force: true });

  let failed = 0;
  for (const r of results) {
    const file = join(pdfDir, `${r.name}.${r.generator}.pdf`);
    if (r.status === 'ok') {
      const pages = pdfPages(file);
      console.log(`ok       ${r.name}.${r.generator}.pdf${pages === null ? '' : `  (${pages} page${pages === 1 ? '' : 's'})`}`);
    } else if (r.status === 'skipped') {
      console.log(`skipped  ${r.name}.${r.generator}.pdf  ${r.detail}`);
    } else {
      failed++;
      console.log(`FAILED   ${r.name}.${r.generator}.pdf  ${r.detail}`);
    }
  }
  if (args.keep) console.log(`intermediate files kept in ${work}`);
  process.exit(failed > 0 ? 1 : 0);
}

await main();
