/**
 * Serves the explorer: `/` (index.html), the PDF viewer at `/explorer/viewer`, and a fixed list of
 * assets under `/explorer/`. The client (src/main.ts, src/viewer.ts and what they use) is bundled
 * by esbuild in memory on first use, so a fresh clone needs nothing but `npm install && npm start`.
 * pdf.js is served from the installed pdfjs-dist package (its build files and standard fonts, by
 * name), never from a CDN. Only the names listed here are served, so no path can reach another file.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { projectPath } from '../../domain/project-files.ts';

const here = projectPath('api', 'explorer');
const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

type Bundle = 'main' | 'viewer';
type Asset = { type: string; cache?: boolean } & ({ file: string } | { bundle: Bundle });

/** pdf.js's fonts for PDFs that use one of the 14 standard fonts without embedding it. */
const standardFonts: Record<string, Asset> = Object.fromEntries(
  readdirSync(join(pdfjsDir, 'standard_fonts'))
    .filter((f) => /^[\w-]+\.(pfb|ttf)$/.test(f))
    .map((f) => [`/explorer/pdfjs/standard_fonts/${f}`, { file: join(pdfjsDir, 'standard_fonts', f), type: f.endsWith('.ttf') ? 'font/ttf' : 'application/octet-stream', cache: true }]),
);

const ASSETS: Record<string, Asset> = {
  '/': { file: join(here, 'index.html'), type: HTML },
  '/index.html': { file: join(here, 'index.html'), type: HTML },
  '/explorer/styles.css': { file: join(here, 'styles.css'), type: CSS },
  '/explorer/labels.json': { file: join(here, 'src/labels.json'), type: 'application/json; charset=utf-8' },
  '/explorer/main.js': { bundle: 'main', type: JS },
  '/explorer/viewer': { file: join(here, 'viewer.html'), type: HTML },
  '/explorer/viewer.css': { file: join(here, 'viewer.css'), type: CSS },
  '/explorer/viewer.js': { bundle: 'viewer', type: JS },
  '/explorer/pdfjs/pdf.min.mjs': { file: join(pdfjsDir, 'build', 'pdf.min.mjs'), type: JS, cache: true },
  '/explorer/pdfjs/pdf.worker.min.mjs': { file: join(pdfjsDir, 'build', 'pdf.worker.min.mjs'), type: JS, cache: true },
  ...standardFonts,
};

let bundles: Promise<Record<Bundle, string>> | undefined;

/** The client bundles (ES modules, minified), built once per process. */
function buildBundles(): Promise<Record<Bundle, string>> {
  bundles ??= (async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: { main: join(here, 'src', 'main.ts'), viewer: join(here, 'src', 'viewer.ts') },
      outdir: join(here, 'bundle'),
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: ['es2022'],
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    const text = (name: Bundle) => result.outputFiles.find((f) => f.path.endsWith(`${name}.js`))!.text;
    return { main: text('main'), viewer: text('viewer') };
  })();
  bundles.catch(() => (bundles = undefined));
  return bundles;
}

/** The explorer's bundle (the server builds it once the requests of its start are answered, rather than on the first visit). */
export async function buildExplorer(): Promise<string> {
  return (await buildBundles()).main;
}

export function isExplorerPath(pathname: string): boolean {
  return pathname in ASSETS || pathname.startsWith('/explorer/');
}

/** Answers a GET or HEAD for `/` or `/explorer/…`. */
export async function serveExplorer(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const asset = Object.hasOwn(ASSETS, pathname) ? ASSETS[pathname] : undefined;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
    return void res.end('method not allowed');
  }
  if (!asset) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    return void res.end('not found');
  }
  let bytes: Buffer;
  try {
    bytes = 'bundle' in asset ? Buffer.from((await buildBundles())[asset.bundle], 'utf8') : await readFile(asset.file);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    return void res.end(`the explorer could not be built: ${(error as Error).message.split('\n')[0]}`);
  }
  res.writeHead(200, {
    'content-type': asset.type,
    'content-length': bytes.length,
    // pdf.js's files change only with the installed package; the explorer's own with every edit
    'cache-control': asset.cache ? 'public, max-age=86400' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
