/** The explorer's entry point: header, language switch, views by URL hash (#network, #matrix, #compare, #agreements, #measures, #search). */
import { AgreementsView } from './agreements-view.ts';
import { CompareView } from './compare-view.ts';
import { fill, h, keepFocus } from './dom.ts';
import { documentTitles } from './evidence.ts';
import { setEvidenceContext } from './evidence-view.ts';
import { LANGS, rememberLang, storedLang, translator, type Lang } from './labels.ts';
import { MatrixView } from './matrix-view.ts';
import { MeasuresView } from './measures-view.ts';
import { NetworkView } from './network-view.ts';
import { GraphQLClient } from './queries.ts';
import { SearchView } from './search-view.ts';
import type { ExplorerData } from './types.ts';

const VIEWS = ['network', 'matrix', 'compare', 'agreements', 'measures', 'search'] as const;
type ViewName = (typeof VIEWS)[number];

interface Views {
  network: NetworkView;
  matrix: MatrixView;
  compare: CompareView;
  agreements: AgreementsView;
  measures: MeasuresView;
  search: SearchView;
}

async function start(): Promise<void> {
  let lang = storedLang();
  let t = translator(lang);
  let titles = new Map<string, string>();
  const client = new GraphQLClient('/graphql');
  const app = document.getElementById('app')!;
  const nav = h('nav', { class: 'tabs' });
  const langGroup = h('div', { class: 'lang-switch', role: 'group', id: 'lang-switch' });
  const title = h('h1', {});
  const subtitle = h('p', { class: 'subtitle' });
  const skip = h('a', { class: 'skip', href: '#main' });
  const main = h('main', { id: 'main', tabindex: -1 });
  const sections = Object.fromEntries(VIEWS.map((v) => [v, h('section', { id: `view-${v}`, class: 'view', 'aria-labelledby': `${v}-heading` })])) as Record<ViewName, HTMLElement>;
  fill(app, skip, h('header', { class: 'top' }, h('div', { class: 'brand' }, title, subtitle), nav, langGroup), main);
  fill(main, h('p', { class: 'note', id: 'loading' }, t('app.loading')));

  const current = (): ViewName => {
    const name = location.hash.replace(/^#/, '');
    return (VIEWS as readonly string[]).includes(name) ? (name as ViewName) : 'network';
  };

  let views: Views | null = null;

  const renderChrome = () => {
    document.documentElement.lang = lang;
    document.body.dataset.lang = lang;
    document.title = t('app.title');
    title.textContent = t('app.title');
    subtitle.textContent = t('app.subtitle');
    skip.textContent = t('app.skip');
    langGroup.setAttribute('aria-label', t('lang.label'));
    keepFocus(langGroup, () =>
      fill(
        langGroup,
        // each language named in itself, so a reader finds their own
        LANGS.map((l) => h('button', { type: 'button', id: `lang-${l}`, class: 'secondary', lang: l, 'aria-pressed': String(l === lang), onclick: () => setLang(l) }, translator(l)(`lang.${l}`))),
      ),
    );
    nav.setAttribute('aria-label', t('nav.label'));
    const view = current();
    keepFocus(nav, () =>
      fill(
        nav,
        h(
          'ul',
          {},
          VIEWS.map((v) => h('li', {}, h('a', { href: `#${v}`, id: `tab-${v}`, 'aria-current': v === view ? 'page' : null }, t(`nav.${v}`)))),
          h('li', {}, h('a', { href: '/graphql', class: 'external' }, t('nav.graphiql'))),
        ),
      ),
    );
  };

  const setLang = (next: Lang) => {
    lang = next;
    t = translator(lang);
    rememberLang(lang);
    setEvidenceContext(titles, lang);
    renderChrome();
    if (!views) return;
    views.network.render(t);
    views.matrix.render(t);
    views.compare.render(t);
    views.agreements.render(t, lang);
    views.measures.render(t);
    views.search.render(t);
  };

  const show = () => {
    const view = current();
    for (const v of VIEWS) sections[v].hidden = v !== view;
    renderChrome();
    if (view === 'network') views?.network.onShow();
    if (view === 'agreements') views?.agreements.onShow();
    if (view === 'measures') views?.measures.onShow();
  };

  window.addEventListener('hashchange', show);
  renderChrome();

  try {
    const data = await client.load();
    titles = documentTitles(data.documents);
    setEvidenceContext(titles, lang);
    fill(main, warningsNotice(data.documents, t), VIEWS.map((v) => sections[v]));
    for (const v of VIEWS) sections[v].hidden = v !== current();
    views = {
      network: new NetworkView(sections.network, data, client, t),
      matrix: new MatrixView(sections.matrix, data, client, t),
      compare: new CompareView(sections.compare, data, client, t),
      agreements: new AgreementsView(sections.agreements, data, client, t, lang),
      measures: new MeasuresView(sections.measures, client, t),
      search: new SearchView(sections.search, client, t),
    };
    show();
    // A handle for tests and the console: window.explorer.network.nodePosition(id), …
    (window as unknown as { explorer: Views }).explorer = views;
    document.body.dataset.ready = 'true';
  } catch (error) {
    console.error(error);
    fill(main, h('p', { class: 'error', role: 'alert' }, `${t('app.error')}: ${(error as Error).message}`));
    document.body.dataset.ready = 'error';
  }
}

/** Documents the product did not fully understand: named with what is missing, never shown as documents that say nothing. */
function warningsNotice(documents: ExplorerData['documents'], t: (key: string) => string): HTMLElement | null {
  const flagged = documents.filter((d) => d.warnings.length > 0);
  if (flagged.length === 0) return null;
  return h(
    'aside',
    { class: 'warnings', role: 'status', 'aria-label': t('warnings.title') },
    h('h2', {}, t('warnings.title')),
    h('p', {}, t('warnings.help')),
    h('ul', {}, flagged.map((d) => h('li', {}, h('a', { href: `/documents/${encodeURIComponent(d.file)}` }, d.file), h('ul', {}, d.warnings.map((w) => h('li', {}, w)))))),
  );
}

void start();
