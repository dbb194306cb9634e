#!/usr/bin/env node
/**
 * `npm test` runs this first (the `pretest` script): the Debian tools the suite needs that npm
 * cannot install — poppler-utils (pdfinfo, pdftotext: an independent reader of the PDFs),
 * Chromium (the explorer's browser tests), and a JDK with Maven (the test run's Neo4j server,
 * tests/neo4j-server/, which Maven builds on first use). Missing ones are installed with apt-get
 * when this user may (root, or sudo without a password); otherwise it says what to install and
 * the suite reports the tests that need them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

const missing = [
  ...(has('pdfinfo') && has('pdftotext') ? [] : ['poppler-utils']),
  ...(existsSync(chromium) ? [] : ['chromium']),
  // Neo4j 5.26 runs on Java 17; a NEO4J_URI of one's own needs neither
  ...(process.env.NEO4J_URI || (has('java') && has('mvn')) ? [] : ['openjdk-17-jdk-headless', 'maven']),
];
if (missing.length === 0) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = !root && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
if (!has('apt-get') || (!root && !sudo)) {
  console.warn(`system tools missing: ${missing.join(', ')}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}); until then the tests that need them fail or are skipped.`);
  process.exit(0);
}
console.log(`installing ${missing.join(', ')} with apt-get (needed by the tests) …`);
const run = (args) => spawnSync(sudo ? 'sudo' : args[0], sudo ? args : args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
for (const args of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', ...missing]]) {
  const result = run(args);
  if (result.status !== 0) {
    console.error(`\`${args.join(' ')}\` failed (exit ${result.status}): install ${missing.join(' ')} by hand.`);
    process.exit(1);
  }
}
