/** The search view: everything the documents say, in bokmål or nynorsk, hits grouped by agreement and pilot. */
import { chip, fill, h, keepFocus } from './dom.ts';
import { evidenceBlock } from './evidence-view.ts';
import { shownOf, type Translate } from './labels.ts';
import { groupHits, hitCount } from './measures-model.ts';
import type { GraphQLClient } from './queries.ts';
import type { Page, SearchGroup } from './types.ts';

export class SearchView {
  private text = '';
  /** The groups shown, how many the whole list of groups holds, and how many hits it holds when the API gives them flat. */
  private result: { state: 'idle' | 'loading' | 'error' } | { state: 'done'; query: string; groups: Page<SearchGroup>; totalHits: number | null } = { state: 'idle' };
  private readonly form = h('form', { class: 'inline-form', id: 'search-form', role: 'search' });
  private readonly out = h('div', { id: 'search-result', 'aria-live': 'polite' });

  constructor(private readonly root: HTMLElement, private readonly client: GraphQLClient, private t: Translate) {
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.search(this.text);
    });
    fill(root, h('h2', { id: 'search-heading' }), h('p', { class: 'help', id: 'search-help' }), this.form, this.out);
    this.render(t);
  }

  render(t: Translate): void {
    this.t = t;
    keepFocus(this.root, () => {
      this.root.querySelector('#search-heading')!.textContent = t('search.title');
      this.root.querySelector('#search-help')!.textContent = t('search.help');
      fill(
        this.form,
        h('label', { for: 'search-text' }, t('search.label')),
        h('input', { id: 'search-text', type: 'search', value: this.text, placeholder: t('search.placeholder'), autocomplete: 'off', oninput: (e: Event) => (this.text = (e.target as HTMLInputElement).value) }),
        h('button', { type: 'submit', id: 'search-button' }, t('search.button')),
      );
      this.renderResult();
    });
  }

  async search(text: string): Promise<void> {
    this.text = text;
    const query = text.trim();
    if (!query) {
      this.result = { state: 'idle' };
      return this.renderResult();
    }
    this.result = { state: 'loading' };
    this.renderResult();
    try {
      const answer = await this.client.search(query);
      if ('groups' in answer) this.result = { state: 'done', query, groups: answer.groups, totalHits: null };
      else {
        // grouped here, so only the hits of this page are known: their groups, and how many hits there are in all
        const groups = groupHits(answer.hits.items);
        this.result = { state: 'done', query, groups: { totalCount: groups.length, items: groups }, totalHits: answer.hits.totalCount };
      }
    } catch {
      this.result = { state: 'error' };
    }
    this.renderResult();
  }

  private renderResult(): void {
    const t = this.t;
    const r = this.result;
    this.root.dataset.searched = r.state === 'done' ? r.query : r.state;
    if (r.state !== 'done') return fill(this.out, r.state === 'loading' ? h('p', { class: 'note' }, t('app.loading')) : r.state === 'error' ? h('p', { class: 'error' }, t('app.error')) : null);
    const groups = r.groups.items;
    if (groups.length === 0) return fill(this.out, h('p', { class: 'muted' }, t('search.none', { q: r.query })));
    const hits = hitCount(groups);
    fill(
      this.out,
      h('p', { class: 'status' }, t('search.count', { hits: shownOf(t, hits, r.totalHits ?? hits), groups: shownOf(t, groups.length, r.groups.totalCount), q: r.query })),
      groups.map((g) =>
        h(
          'section',
          { class: 'search-group', 'data-agreement': g.agreement?.id ?? null, 'data-document': g.document },
          h('h3', {}, g.agreement ? g.agreement.title : t('search.general', { document: g.document }), g.pilot ? h('span', { class: 'muted' }, ` · ${g.pilot.name}`) : null),
          h(
            'ol',
            { class: 'hits' },
            g.hits.map((hit) =>
              h(
                'li',
                { class: 'hit', 'data-kind': hit.kind, 'data-hit': hit.id },
                h('p', {}, chip(t(`hit.${hit.kind}`), 'kind'), ' ', hit.text, hit.section ? h('span', { class: 'muted' }, ` — ${t('search.section', { section: hit.section })}`) : null),
                evidenceBlock(hit.evidence, t),
              ),
            ),
          ),
        ),
      ),
    );
  }
}
