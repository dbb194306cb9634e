/** Two agreements side by side: what they share, how they refer to each other, their most similar sub-goals. */
import { compareView, agreementLabel, defaultPair, type CompareView as Model } from './compare-model.ts';
import { fill, h, keepFocus } from './dom.ts';
import { evidenceBlock } from './evidence-view.ts';
import type { Translate } from './labels.ts';
import type { GraphQLClient } from './queries.ts';
import type { Comparison, ExplorerData } from './types.ts';

export class CompareView {
  private a: string;
  private b: string;
  private result: Comparison | null = null;
  private state: 'idle' | 'loading' | 'error' | 'same' = 'idle';
  private t: Translate;
  private readonly form = h('form', { class: 'compare-controls' });
  private readonly out = h('div', { class: 'compare-result', id: 'compare-result', 'aria-live': 'polite' });

  constructor(private readonly root: HTMLElement, private readonly data: ExplorerData, private readonly client: GraphQLClient, t: Translate) {
    this.t = t;
    const pair = defaultPair(data.agreements);
    this.a = pair?.[0] ?? '';
    this.b = pair?.[1] ?? '';
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.run();
    });
    fill(root, h('h2', { id: 'compare-heading' }), h('p', { class: 'help', id: 'compare-help' }), this.form, this.out);
    this.render(t);
    if (pair) void this.run();
  }

  render(t: Translate): void {
    keepFocus(this.root, () => this.renderAll(t));
  }

  private renderAll(t: Translate): void {
    this.t = t;
    this.root.querySelector('#compare-heading')!.textContent = t('compare.title');
    this.root.querySelector('#compare-help')!.textContent = t('compare.help');
    const agreements = [...this.data.agreements].sort((x, y) => x.title.localeCompare(y.title, 'nb'));
    const select = (id: string, label: string, value: string, set: (v: string) => void) =>
      h(
        'label',
        { class: 'field', for: id },
        h('span', {}, label),
        h('select', { id, onchange: (e: Event) => set((e.target as HTMLSelectElement).value) }, agreements.map((a) => h('option', { value: a.id, selected: a.id === value }, agreementLabel(a, t)))),
      );
    fill(
      this.form,
      select('compare-a', t('compare.a'), this.a, (v) => (this.a = v)),
      select('compare-b', t('compare.b'), this.b, (v) => (this.b = v)),
      h('button', { type: 'submit', id: 'compare-button' }, t('compare.button')),
    );
    this.renderResult();
  }

  async run(): Promise<void> {
    if (this.a === this.b) {
      this.state = 'same';
      return this.renderResult();
    }
    this.state = 'loading';
    this.renderResult();
    try {
      this.result = await this.client.compare(this.a, this.b);
      this.state = 'idle';
    } catch {
      this.state = 'error';
    }
    this.renderResult();
  }

  private renderResult(): void {
    const t = this.t;
    if (this.state === 'same') return fill(this.out, h('p', { class: 'error' }, t('compare.same')));
    if (this.state === 'loading') return fill(this.out, h('p', { class: 'note' }, t('app.loading')));
    if (this.state === 'error') return fill(this.out, h('p', { class: 'error' }, t('app.error')));
    if (!this.result) return fill(this.out);
    const view: Model = compareView(this.result, t);
    const info = (id: string) => this.data.agreements.find((a) => a.id === id);
    const head = (side: 'a' | 'b', x: { id: string; title: string }) => {
      const a = info(x.id);
      const subGoals = this.data.subGoals.filter((s) => s.agreement.id === x.id).length;
      return h(
        'div',
        { class: `compare-head side-${side}` },
        h('p', { class: 'side' }, t(`compare.${side}`)),
        h('h3', {}, x.title),
        a ? h('p', { class: 'muted' }, `${a.pilot.name} · ${t(`scheme.${a.scheme}`)} · ${t(`language.${a.language}`)} · ${t('compare.subGoalCount', { n: subGoals })}`) : null,
      );
    };
    this.root.dataset.compared = `${view.a.id}|${view.b.id}`;
    fill(
      this.out,
      h('div', { class: 'compare-heads' }, head('a', view.a), head('b', view.b)),
      view.sections.map((s) =>
        h(
          'section',
          { class: `compare-section ${s.key}`, 'data-section': s.key },
          h('h3', {}, `${s.heading} (${s.items.length})`),
          s.items.length === 0
            ? h('p', { class: 'muted' }, t('compare.empty'))
            : s.key === 'similarSubGoals'
              ? h(
                  'ol',
                  { class: 'pairs' },
                  s.items.map((item) =>
                    h(
                      'li',
                      { class: 'pair' },
                      h('div', { class: 'side-a' }, h('p', {}, item.text), item.evidence.map((e) => evidenceBlock(e, t))),
                      h('div', { class: 'score' }, item.detail ?? ''),
                      h('div', { class: 'side-b' }, h('p', {}, item.other!.text), evidenceBlock(item.other!.evidence, t)),
                    ),
                  ),
                )
              : h(
                  'ul',
                  { class: s.items.some((i) => i.evidence.length) ? 'items with-evidence' : 'items chips' },
                  s.items.map((item) =>
                    h('li', {}, item.evidence.length ? null : item.text, item.detail ? h('span', { class: 'muted' }, item.evidence.length ? item.detail : ` — ${item.detail}`) : null, item.evidence.map((e) => evidenceBlock(e, t))),
                  ),
                ),
        ),
      ),
    );
  }
}
