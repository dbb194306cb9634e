#!/usr/bin/env node
/**
 * `npm test` runs this first (the `pretest` script), and `npm start` with `--product` (the
 * `prestart` script): the Debian tools that npm cannot install. The product's own: Tesseract with
 * its Norwegian model (tesseract-ocr, tesseract-ocr-nor: OCR of pages without a text layer) and
 * poppler-utils (pdftoppm rasterises those pages). The suite's besides: poppler's pdfinfo and
 * pdftotext (an independent reader of the PDFs), Chromium (the explorer's browser tests), and a JDK with Maven (the test run's Neo4j server,
 * tests/neo4j-server/, which Maven builds on first use). Missing ones are installed with apt-get
 * when this user may (root, or sudo without a password); otherwise it says what to install and
 * the suite reports the tests that need them (with `--product` it only warns, and never fails the
 * start). Everything present costs a few `command -v` checks: well under a second.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// looked up on PATH without a shell: `npm start` runs this every time, and a spawn per tool adds up
const has = (command) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));
/** `--product`: only what `npm start` needs, and never a failed start: what cannot be installed is a warning. */
const product = process.argv.includes('--product');
/** Tesseract's Norwegian model, looked for where Debian puts it before Tesseract itself is asked (which takes longer). */
const hasNorwegian = () =>
  ['/usr/share/tesseract-ocr/5/tessdata/nor.traineddata', '/usr/share/tesseract-ocr/4.00/tessdata/nor.traineddata'].some((f) => existsSync(f)) ||
  /^nor$/m.test(spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout ?? '');

const ocr = [...(has('tesseract') ? [] : ['tesseract-ocr']), ...(has('tesseract') && hasNorwegian() ? [] : ['tesseract-ocr-nor'])];
const missing = product ? [...(has('pdftoppm') ? [] : ['poppler-utils']), ...ocr] : [
  ...(has('pdfinfo') && has('pdftotext') && has('pdftoppm') ? [] : ['poppler-utils']),
  ...ocr,
  ...(existsSync(chromium) ? [] : ['chromium']),
  // Neo4j 5.26 runs on Java 17; a NEO4J_URI of one's own needs neither
  ...(process.env.NEO4J_URI || (has('java') && has('mvn')) ? [] : ['openjdk-17-jdk-headless', 'maven']),
];
if (missing.length === 0) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = !root && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
const consequence = product ? 'until then scanned pages (no text layer) are not read by OCR' : 'until then the tests that need them fail or are skipped';
if (!has('apt-get') || (!root && !sudo)) {
  console.warn(`system tools missing: ${missing.join(', ')}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}); ${consequence}.`);
  process.exit(0);
}
console.log(`installing ${missing.join(', ')} with apt-get (needed by ${product ? 'OCR' : 'the tests'}) …`);
const run = (args) => spawnSync(sudo ? 'sudo' : args[0], sudo ? args : args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
for (const args of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', ...missing]]) {
  const result = run(args);
  if (result.status !== 0) {
    console.error(`\`${args.join(' ')}\` failed (exit ${result.status}): install ${missing.join(' ')} by hand; ${consequence}.`);
    process.exit(product ? 0 : 1);
  }
}
