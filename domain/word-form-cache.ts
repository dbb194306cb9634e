/**
 * What the word lists said about each word, remembered across runs: a word's compound parts,
 * its bokmål form, its compound tail. Reading the hunspell lists (about 460,000 stems) costs
 * half a second at every start; with the answers for the corpus's words on disk, a start on a
 * full store never reads them, and a new word reads them once, when it is first met.
 *
 * The file is keyed by a fingerprint of what the answers follow from (the dictionaries'
 * versions and the lexicon files): a changed lexicon or dictionary starts it afresh. Only the
 * main thread writes it (workers read it), atomically, so a torn file is never read.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import compounds from './lexicon/compounds.json' with { type: 'json' };
import wordPairs from './lexicon/word-pairs.json' with { type: 'json' };

/** The tables of remembered answers, one per question asked of the word lists. */
export type WordFormTable = 'compoundParts' | 'bokmaalForm' | 'compoundTail';
type Answer = string | string[] | null;

/** Words remembered per table: beyond it a word is answered but not kept (the keys include what clients type). */
const MAX_WORDS = 200_000;

interface CacheFile {
  fingerprint: string;
  tables: Partial<Record<WordFormTable, Record<string, Answer>>>;
}

const tables = new Map<WordFormTable, Map<string, Answer>>();
let file: string | undefined;
let loaded = false;
let added = 0;
let savesAtExit = false;

function fingerprint(): string {
  const require = createRequire(import.meta.url);
  // the dictionaries export no package.json: it is read beside their entry file
  const version = (pkg: string) => (JSON.parse(readFileSync(join(dirname(require.resolve(pkg)), 'package.json'), 'utf8')) as { version: string }).version;
  return createHash('sha256')
    .update(JSON.stringify([version('dictionary-nb'), version('dictionary-nn'), compounds, wordPairs]))
    .digest('hex')
    .slice(0, 16);
}

/** Keep the answers in `path` (read on first use, written by saveWordForms and at exit). Without a call, they live for the process only. */
export function keepWordFormsIn(path: string): void {
  file = path;
  loaded = false;
}

/** Reads the file once, on the first question: a command that compares no words never reads it. */
function load(): void {
  loaded = true;
  tables.clear();
  added = 0;
  if (!file) return;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    if (saved.fingerprint === fingerprint()) {
      for (const [name, entries] of Object.entries(saved.tables)) tables.set(name as WordFormTable, new Map(Object.entries(entries ?? {})));
    }
  } catch {
    // no file yet, or one that cannot be read: it is only remembered work, done again
  }
  if (isMainThread && !savesAtExit) {
    savesAtExit = true;
    process.once('exit', saveWordForms);
  }
}

/** The remembered answer for `word`, or the computed one (remembered from now on). */
export function rememberedForm<T extends Answer>(table: WordFormTable, word: string, compute: () => T): T {
  if (!loaded) load();
  let entries = tables.get(table);
  if (!entries) tables.set(table, (entries = new Map()));
  if (entries.has(word)) return entries.get(word) as T;
  const answer = compute();
  if (entries.size < MAX_WORDS) {
    entries.set(word, answer);
    added++;
  }
  return answer;
}

/** Writes the answers when words were added since they were read (main thread only). */
export function saveWordForms(): void {
  if (!file || added === 0 || !isMainThread) return;
  try {
    const saved: CacheFile = { fingerprint: fingerprint(), tables: Object.fromEntries([...tables].map(([name, entries]) => [name, Object.fromEntries(entries)])) };
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(saved));
    renameSync(temporary, file);
    added = 0;
  } catch {
    // a read-only or full disk: the answers are computed again next time
  }
}
