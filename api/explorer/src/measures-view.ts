/** The measures view: measures that recur across pilots (by theme), and measures like a typed description. */
import { chip, downloadLinks, fill, h, keepFocus, moreNote } from './dom.ts';
import { measureDownloads } from './downloads.ts';
import { evidenceBlock } from './evidence-view.ts';
import { shownOf, type Translate } from './labels.ts';
import { orderClusters, orderSimilar } from './measures-model.ts';
import type { GraphQLClient } from './queries.ts';
import { THEMES, type MeasureCluster, type MeasureInfo, type Page, type ScoredMeasure, type Theme } from './types.ts';

type Loaded<T> = { state: 'idle' } | { state: 'loading' } | { state: 'error' } | { state: 'done'; value: T; query: string };

export class MeasuresView {
  private theme: Theme | null = null;
  private clusters: Loaded<Page<MeasureCluster>> = { state: 'idle' };
  private similarText = '';
  private similar: Loaded<Page<ScoredMeasure>> = { state: 'idle' };
  private readonly clusterForm = h('form', { class: 'inline-form', id: 'clusters-form' });
  private readonly clusterOut = h('div', { id: 'clusters', 'aria-live': 'polite' });
  private readonly similarForm = h('form', { class: 'inline-form', id: 'similar-form', role: 'search' });
  private readonly similarOut = h('div', { id: 'similar', 'aria-live': 'polite' });
  private readonly downloadsOut = h('div', { id: 'measures-downloads' });

  constructor(private readonly root: HTMLElement, private readonly client: GraphQLClient, private t: Translate) {
    this.clusterForm.addEventListener('submit', (e) => e.preventDefault());
    this.similarForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.findSimilar(this.similarText);
    });
    fill(
      root,
      h('h2', { id: 'measures-heading' }),
      h('p', { class: 'help', id: 'measures-help' }),
      this.clusterForm,
      this.downloadsOut,
      this.clusterOut,
      h('h2', { id: 'similar-heading' }),
      h('p', { class: 'help', id: 'similar-help' }),
      this.similarForm,
      this.similarOut,
    );
    this.render(t);
  }

  /** Call when the view becomes visible: the clusters are fetched then, not with everything at start. */
  onShow(): void {
    if (this.clusters.state === 'idle') void this.loadClusters(this.theme);
  }

  render(t: Translate): void {
    this.t = t;
    keepFocus(this.root, () => {
      for (const id of ['measures-heading', 'measures-help', 'similar-heading', 'similar-help']) this.root.querySelector(`#${id}`)!.textContent = t(id.replace('-heading', '.title').replace('-help', '.help'));
      fill(
        this.clusterForm,
        h('label', { for: 'measures-theme' }, t('measures.theme')),
        h(
          'select',
          { id: 'measures-theme', onchange: (e: Event) => void this.loadClusters(((e.target as HTMLSelectElement).value || null) as Theme | null) },
          h('option', { value: '', selected: this.theme === null }, t('measures.allThemes')),
          THEMES.map((x) => h('option', { value: x, selected: x === this.theme }, t(`theme.${x}`))),
        ),
      );
      this.renderDownloads();
      fill(
        this.similarForm,
        h('label', { for: 'similar-text' }, t('similar.label')),
        h('input', { id: 'similar-text', type: 'search', value: this.similarText, placeholder: t('similar.placeholder'), autocomplete: 'off', oninput: (e: Event) => (this.similarText = (e.target as HTMLInputElement).value) }),
        h('button', { type: 'submit', id: 'similar-button' }, t('similar.button')),
      );
      this.renderClusters();
      this.renderSimilar();
    });
  }

  async loadClusters(theme: Theme | null): Promise<void> {
    this.theme = theme;
    this.renderDownloads();
    this.clusters = { state: 'loading' };
    this.renderClusters();
    const query = theme ?? '';
    try {
      const page = await this.client.transferable(theme);
      const value = { ...page, items: orderClusters(page.items) };
      if (this.theme === theme) this.clusters = { state: 'done', value, query };
    } catch {
      if (this.theme === theme) this.clusters = { state: 'error' };
    }
    this.renderClusters();
  }

  /** The measures on the theme chosen, as files. */
  private renderDownloads(): void {
    fill(this.downloadsOut, downloadLinks(this.t, measureDownloads(this.theme)));
  }

  async findSimilar(text: string): Promise<void> {
    const query = text.trim();
    this.similarText = text;
    if (!query) {
      this.similar = { state: 'idle' };
      return this.renderSimilar();
    }
    this.similar = { state: 'loading' };
    this.renderSimilar();
    try {
      const page = await this.client.similar(query);
      this.similar = { state: 'done', value: { ...page, items: orderSimilar(page.items) }, query };
    } catch {
      this.similar = { state: 'error' };
    }
    this.renderSimilar();
  }

  private status<T>(loaded: Loaded<T>): HTMLElement | null {
    if (loaded.state === 'loading') return h('p', { class: 'note' }, this.t('app.loading'));
    if (loaded.state === 'error') return h('p', { class: 'error' }, this.t('app.error'));
    return null;
  }

  private renderClusters(): void {
    const t = this.t;
    const c = this.clusters;
    this.root.dataset.clusters = c.state === 'done' ? `${c.query}:${c.value.items.length}` : c.state;
    if (c.state !== 'done') return fill(this.clusterOut, this.status(c));
    if (c.value.items.length === 0) return fill(this.clusterOut, h('p', { class: 'muted' }, t('measures.none')));
    fill(
      this.clusterOut,
      h('p', { class: 'status' }, t('measures.count', { n: shownOf(t, c.value.items.length, c.value.totalCount) })),
      h(
        'ol',
        { class: 'clusters' },
        c.value.items.map((cluster) =>
          h(
            'li',
            { class: 'cluster', 'data-label': cluster.label },
            h('h3', {}, cluster.label),
            h(
              'p',
              { class: 'pilots' },
              h('strong', {}, `${t('measures.pilots')}: `),
              cluster.pilots.items.map((p) => chip(p.name, 'pilot')),
              cluster.pilots.totalCount > cluster.pilots.items.length ? h('span', { class: 'muted more' }, ` (${shownOf(t, cluster.pilots.items.length, cluster.pilots.totalCount)})`) : null,
            ),
            h('p', { class: 'muted' }, t('measures.cohesion', { value: cluster.cohesion.toFixed(2) })),
            cluster.sharedTerms?.length ? h('p', { class: 'shared-terms' }, h('strong', {}, `${t('measures.sharedTerms')}: `), cluster.sharedTerms.map((x) => chip(x, 'term'))) : null,
            cluster.themes?.length ? h('p', { class: 'themes' }, h('strong', {}, `${t('measures.themes')}: `), cluster.themes.map((x) => chip(t(`theme.${x}`), 'theme'))) : null,
            h('ul', { class: 'measures' }, cluster.measures.items.map((m) => this.measure(m))),
            moreNote(t, cluster.measures.items.length, cluster.measures.totalCount),
          ),
        ),
      ),
    );
  }

  private measure(m: MeasureInfo): HTMLElement {
    return h(
      'li',
      { 'data-measure': m.id },
      h('p', {}, h('strong', {}, m.pilot.name), ': ', m.text),
      h('p', { class: 'muted' }, `${m.subGoal.agreement.title} · ${this.t('party.subGoal', { n: m.subGoal.number })}: ${m.subGoal.title}`),
      evidenceBlock(m.evidence, this.t),
    );
  }

  private renderSimilar(): void {
    const t = this.t;
    const s = this.similar;
    this.root.dataset.similar = s.state === 'done' ? s.query : s.state;
    if (s.state !== 'done') return fill(this.similarOut, this.status(s));
    if (s.value.items.length === 0) return fill(this.similarOut, h('p', { class: 'muted' }, t('similar.none', { q: s.query })));
    fill(
      this.similarOut,
      h('p', { class: 'status' }, t('similar.count', { n: shownOf(t, s.value.items.length, s.value.totalCount), q: s.query })),
      h(
        'ol',
        { class: 'similar' },
        s.value.items.map((m) =>
          h(
            'li',
            { 'data-measure': m.measure.id },
            h('p', {}, h('span', { class: 'chip score' }, t('similar.score', { score: m.score.toFixed(3) })), ' ', h('strong', {}, m.pilot.name), ': ', m.text),
            h('p', { class: 'muted' }, `${m.measure.subGoal.agreement.title} · ${t('party.subGoal', { n: m.measure.subGoal.number })}: ${m.measure.subGoal.title}`),
            m.sharedTerms?.length ? h('p', { class: 'shared-terms' }, h('strong', {}, `${t('measures.sharedTerms')}: `), m.sharedTerms.map((x) => chip(x, 'term'))) : null,
            evidenceBlock(m.evidence, t),
          ),
        ),
      ),
    );
  }
}
