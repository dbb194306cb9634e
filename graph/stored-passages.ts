/**
 * A document's passages as one property value: a JSON list on the document's DocumentText node.
 * Passages take part in no relationship and no question walks to them; search and the comparison
 * read all of a document's at once. As one node each (a node, a relationship and eight values a
 * passage) they took about 100 MiB of the embedded engine's memory per 1,000 documents; as one
 * value, about 60, most of it the text itself.
 */
import { PASSAGE_KINDS, type Evidence, type Passage } from '../domain/records.ts';
import { StoreError } from './errors.ts';

/** One passage as stored: its quote is its text, and its document the node's. */
interface StoredPassage {
  id: string;
  kind: Passage['kind'];
  text: string;
  section?: string;
  agreement?: string;
  page: number;
  pageEnd?: number;
  method?: Evidence['method'];
  confidence?: number;
}

export function encodePassages(passages: readonly Passage[]): string {
  const stored = passages.map(
    (p): StoredPassage => ({
      id: p.id,
      kind: p.kind,
      text: p.text,
      section: p.section,
      agreement: p.agreement,
      page: p.evidence.page,
      pageEnd: p.evidence.pageEnd,
      method: p.evidence.method,
      confidence: p.evidence.confidence,
    }),
  );
  // JSON leaves the absent fields out
  return JSON.stringify(stored);
}

/** The passages of `document` (its file name) from the stored value; a value this module did not write is a QUERY_FAILED naming the node. */
export function decodePassages(node: string, document: string, value: unknown): Passage[] {
  const list: unknown = typeof value === 'string' ? safeParse(value) : undefined;
  if (!Array.isArray(list) || !list.every(isStoredPassage)) throw new StoreError('QUERY_FAILED', node, 'its passages are not the list of passages this version writes');
  return list.map((p) => ({
    id: p.id,
    kind: p.kind,
    text: p.text,
    ...(p.section !== undefined ? { section: p.section } : {}),
    ...(p.agreement !== undefined ? { agreement: p.agreement } : {}),
    evidence: {
      document,
      page: p.page,
      ...(p.pageEnd !== undefined ? { pageEnd: p.pageEnd } : {}),
      quote: p.text,
      ...(p.method !== undefined ? { method: p.method } : {}),
      ...(p.confidence !== undefined ? { confidence: p.confidence } : {}),
    },
  }));
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isStoredPassage(x: unknown): x is StoredPassage {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Record<string, unknown>;
  return typeof p.id === 'string' && (PASSAGE_KINDS as readonly unknown[]).includes(p.kind) && typeof p.text === 'string' && typeof p.page === 'number';
}
