/** The explorer's entry point: header, language toggle, views by URL hash (#network, #matrix, #compare). */
import { CompareView } from './compare-view.ts';
import { fill, h, keepFocus } from './dom.ts';
import { parseLang, translator, type Lang } from './labels.ts';
import { MatrixView } from './matrix-view.ts';
import { NetworkView } from './network-view.ts';
import { GraphQLClient } from './queries.ts';
import type { ExplorerData } from './types.ts';

const VIEWS = ['network', 'matrix', 'compare'] as const;
type ViewName = (typeof VIEWS)[number];

function storedLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl) return parseLang(fromUrl);
  try {
    return parseLang(localStorage.getItem('explorer.lang'));
  } catch {
    return 'nb';
  }
}

async function start(): Promise<void> {
  let lang = storedLang();
  let t = translator(lang);
  const client = new GraphQLClient('/graphql');
  const app = document.getElementById('app')!;
  const nav = h('nav', { class: 'tabs' });
  const langButton = h('button', { type: 'button', id: 'lang-toggle', class: 'secondary' });
  const title = h('h1', {});
  const subtitle = h('p', { class: 'subtitle' });
  const skip = h('a', { class: 'skip', href: '#main' });
  const main = h('main', { id: 'main', tabindex: -1 });
  const sections: Record<ViewName, HTMLElement> = {
    network: h('section', { id: 'view-network', class: 'view', 'aria-labelledby': 'network-heading' }),
    matrix: h('section', { id: 'view-matrix', class: 'view', 'aria-labelledby': 'matrix-heading' }),
    compare: h('section', { id: 'view-compare', class: 'view', 'aria-labelledby': 'compare-heading' }),
  };
  fill(app, skip, h('header', { class: 'top' }, h('div', { class: 'brand' }, title, subtitle), nav, langButton), main);
  fill(main, h('p', { class: 'note', id: 'loading' }, t('app.loading')));

  const current = (): ViewName => {
    const name = location.hash.replace(/^#/, '');
    return (VIEWS as readonly string[]).includes(name) ? (name as ViewName) : 'network';
  };

  let views: { network: NetworkView; matrix: MatrixView; compare: CompareView } | null = null;

  const renderChrome = () => {
    document.documentElement.lang = lang === 'nb' ? 'nb' : 'en';
    document.title = t('app.title');
    title.textContent = t('app.title');
    subtitle.textContent = t('app.subtitle');
    skip.textContent = t('app.skip');
    langButton.textContent = t('lang.toggle');
    langButton.setAttribute('title', t('lang.toggleTitle'));
    langButton.setAttribute('lang', lang === 'nb' ? 'en' : 'nb');
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

  const show = () => {
    const view = current();
    for (const v of VIEWS) sections[v].hidden = v !== view;
    renderChrome();
    if (view === 'network') views?.network.onShow();
  };

  langButton.addEventListener('click', () => {
    lang = lang === 'nb' ? 'en' : 'nb';
    t = translator(lang);
    try {
      localStorage.setItem('explorer.lang', lang);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    renderChrome();
    if (views) for (const v of Object.values(views)) v.render(t);
    document.body.dataset.lang = lang;
  });
  window.addEventListener('hashchange', show);
  renderChrome();
  document.body.dataset.lang = lang;

  try {
    const data = await client.load();
    fill(main, warningsNotice(data.documents, t), sections.network, sections.matrix, sections.compare);
    for (const v of VIEWS) sections[v].hidden = v !== current();
    views = {
      network: new NetworkView(sections.network, data, client, t),
      matrix: new MatrixView(sections.matrix, data, client, t),
      compare: new CompareView(sections.compare, data, client, t),
    };
    show();
    // A handle for tests and the console: window.explorer.network.nodePosition(id), …
    (window as unknown as { explorer: typeof views }).explorer = views;
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
