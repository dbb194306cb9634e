/**
 * Serves the explorer: `/` (index.html) and a fixed list of assets under `/explorer/`. The client
 * (src/main.ts and the libraries it uses) is bundled by esbuild in memory on first use, so a
 * fresh clone needs nothing but `npm install && npm start`. Only the names listed here are
 * served, so no path can reach another file.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

type Asset = { type: string } & ({ file: string } | { bundle: true });
const ASSETS: Record<string, Asset> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/explorer/styles.css': { file: 'styles.css', type: 'text/css; charset=utf-8' },
  '/explorer/labels.json': { file: 'src/labels.json', type: 'application/json; charset=utf-8' },
  '/explorer/main.js': { bundle: true, type: 'text/javascript; charset=utf-8' },
};

let bundle: Promise<string> | undefined;

/** The client bundle (ES module, minified), built once per process. */
export function buildExplorer(): Promise<string> {
  bundle ??= (async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [join(here, 'src', 'main.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: ['es2022'],
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  })();
  bundle.catch(() => (bundle = undefined));
  return bundle;
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
  let body: string;
  try {
    body = 'bundle' in asset ? await buildExplorer() : await readFile(join(here, asset.file), 'utf8');
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    return void res.end(`the explorer could not be built: ${(error as Error).message.split('\n')[0]}`);
  }
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(200, { 'content-type': asset.type, 'content-length': bytes.length, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
