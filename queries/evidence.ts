/** The sentence a fact rests on, read from the properties of an Evidence node or of a relationship that carries it. */
import type { Evidence } from '../domain/records.ts';

/** The document, page and quote of `props`, without its other properties. */
export function sentenceOf(props: Evidence): Evidence {
  return {
    document: props.document,
    page: props.page,
    ...(props.pageEnd ? { pageEnd: props.pageEnd } : {}),
    quote: props.quote,
    ...(props.method === 'ocr' ? { method: props.method, ...(typeof props.confidence === 'number' ? { confidence: props.confidence } : {}) } : {}),
  };
}

/** As `sentenceOf`, for properties that may be missing or hold no sentence: then null. */
export function evidenceOf(props: Evidence | undefined): Evidence | null {
  return props && props.document ? sentenceOf(props) : null;
}
