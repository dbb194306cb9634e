/** The interface labels in Norwegian bokmål (default), nynorsk and English, from ./labels.json. */
import labels from './labels.json' with { type: 'json' };

export const LANGS = ['nb', 'nn', 'en'] as const;
export type Lang = (typeof LANGS)[number];
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

/** How many a list shows: "12", or "20 av 35" when the whole list holds more than it shows. */
export function shownOf(t: Translate, shown: number, total: number): string {
  return total > shown ? t('common.of', { shown, total }) : String(shown);
}

export function parseLang(value: string | null | undefined): Lang {
  return (LANGS as readonly string[]).includes(value ?? '') ? (value as Lang) : 'nb';
}

/** The language the page opens in: `?lang=` in the address, else the last choice, else bokmål. */
export function storedLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl) return parseLang(fromUrl);
  try {
    return parseLang(localStorage.getItem('explorer.lang'));
  } catch {
    return 'nb';
  }
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem('explorer.lang', lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}
