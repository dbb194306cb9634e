/** The interface labels in Norwegian bokmål (default) and English, from ./labels.json. */
import labels from './labels.json' with { type: 'json' };

export type Lang = 'nb' | 'en';
export type LabelKey = keyof typeof labels.nb;
export type Translate = (key: string, params?: Record<string, string | number>) => string;

export const LABELS: Record<Lang, Record<string, string>> = labels;

/** A translator for one language: a missing key falls back to bokmål, then to the key itself. */
export function translator(lang: Lang): Translate {
  return (key, params = {}) => {
    const text = LABELS[lang][key] ?? LABELS.nb[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

export function parseLang(value: string | null | undefined): Lang {
  return value === 'en' ? 'en' : 'nb';
}
