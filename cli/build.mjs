// Builds what `npm start` and `kg` run: the command line (cli/kg.ts) and the extraction pool's
// worker as JavaScript in dist/, one bundle of the project's own modules, split so that a command
// loads only what it uses. Run by `npm install` (prepare) and again by cli/bin/kg.mjs whenever a
// source is newer than the build.
//
// Packages stay in node_modules, except the GraphQL server's (graphql-yoga, its plugins and
// graphql-tools) and zod, which are bundled in: they are plain JavaScript spread over some 500
// files, and loading those one by one through Node's module loader took a fifth of a second of
// every `npm start` (zod's own files a twentieth of every `kg` command).
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Packages bundled in, with what they import; graphql among them, so that there is one graphql in the build. */
const BUNDLED = /^(graphql|graphql-yoga|@graphql-yoga\/(plugin-[\w-]+|logger|subscription)|@graphql-tools\/[\w-]+|@envelop\/[\w-]+|@whatwg-node\/[\w-]+|@escape\.tech\/graphql-armor|zod)$/;

const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Every other package is left to node_modules (native modules, workers and data files need their place there). */
const bundledPackages = {
  name: 'bundled-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      // a bundled package's own imports are bundled with it
      if (BUNDLED.test(packageOf(args.path)) || /[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
      return { external: true };
    });
  },
};

export async function buildCli() {
  await build({
    absWorkingDir: root,
    entryPoints: { kg: 'cli/kg.ts', 'extract-worker': 'pipeline/extract-worker.ts' },
    outdir: 'dist',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [bundledPackages],
    // the bundled packages' CommonJS parts call require() (for Node's own modules)
    banner: { js: "import { createRequire as __kgCreateRequire } from 'node:module'; const require = __kgCreateRequire(import.meta.url);" },
    sourcemap: true,
    logLevel: 'warning',
  });
  writeFileSync(join(root, 'dist', '.built'), `${new Date().toISOString()}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
