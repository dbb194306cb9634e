/** The agreements view: every agreement with its validity; the chosen one's obligations, plan anchors and sub-goals. */
import { agreementRows, obligationLine, subGoalParts, validityText, type SubGoalPart } from './agreements-model.ts';
import { chip, fill, h, keepFocus, moreNote, type Child } from './dom.ts';
import { evidenceBlock } from './evidence-view.ts';
import { shownOf, type Lang, type Translate } from './labels.ts';
import type { GraphQLClient } from './queries.ts';
import type { AgreementDetail, ExplorerData, SubGoalExtras } from './types.ts';

export class AgreementsView {
  private selected: string | null;
  private detail: { detail: AgreementDetail; extras: SubGoalExtras[] } | null = null;
  private state: 'idle' | 'loading' | 'error' = 'idle';
  private readonly tableWrap = h('div', { class: 'table-wrap' });
  private readonly detailEl = h('section', { class: 'detail agreement-detail', id: 'agreement-detail', tabindex: -1, 'aria-live': 'polite' });

  constructor(private readonly root: HTMLElement, private readonly data: ExplorerData, private readonly client: GraphQLClient, private t: Translate, private lang: Lang) {
    fill(root, h('h2', { id: 'agreements-heading' }), h('p', { class: 'help', id: 'agreements-help' }), h('div', { class: 'agreements-layout' }, this.tableWrap, this.detailEl));
    // opens on the first agreement that is an agreement's own text (the report's summaries have no obligations)
    this.selected = agreementRows(data.agreements, lang, t).find((r) => data.agreements.find((a) => a.id === r.id)?.source === 'AGREEMENT')?.id ?? null;
    this.render(t, lang);
  }

  /** Call when the view becomes visible: the chosen agreement is fetched then, not with everything at start. */
  onShow(): void {
    if (this.selected && !this.detail && this.state === 'idle') void this.open(this.selected, false);
  }

  render(t: Translate, lang: Lang): void {
    this.t = t;
    this.lang = lang;
    keepFocus(this.root, () => {
      this.root.querySelector('#agreements-heading')!.textContent = t('agreements.title');
      this.root.querySelector('#agreements-help')!.textContent = t('agreements.help');
      this.renderTable();
      this.renderDetail();
    });
  }

  async open(id: string, focus = true): Promise<void> {
    this.selected = id;
    this.state = 'loading';
    this.renderTable();
    this.renderDetail();
    try {
      const answer = await this.client.agreement(id);
      if (this.selected !== id) return;
      this.detail = answer.detail ? { detail: answer.detail, extras: answer.extras } : null;
      this.state = answer.detail ? 'idle' : 'error';
    } catch {
      this.state = 'error';
    }
    this.renderDetail();
    this.root.dataset.agreement = this.state === 'idle' ? id : '';
    if (focus) this.tableWrap.querySelector<HTMLButtonElement>(`button[data-agreement="${CSS.escape(id)}"]`)?.focus();
  }

  private renderTable(): void {
    const t = this.t;
    const rows = agreementRows(this.data.agreements, this.lang, t);
    keepFocus(this.tableWrap, () =>
      fill(
        this.tableWrap,
        h(
          'table',
          { class: 'agreements', id: 'agreements-table' },
          h('caption', {}, t('agreements.caption')),
          h('thead', {}, h('tr', {}, ['agreements.agreement', 'common.pilot', 'agreements.scheme', 'agreements.language', 'agreements.source', 'agreements.validity'].map((k) => h('th', { scope: 'col' }, t(k))))),
          h(
            'tbody',
            {},
            rows.map((r) =>
              h(
                'tr',
                { 'data-agreement': r.id, class: r.id === this.selected ? 'selected' : null },
                h('th', { scope: 'row' }, h('button', { type: 'button', id: `agreement-${r.id.replace(/[^\w-]/g, '-')}`, class: 'link-button', 'data-agreement': r.id, 'aria-pressed': String(r.id === this.selected), onclick: () => void this.open(r.id) }, r.title)),
                h('td', {}, r.pilot),
                h('td', {}, r.scheme),
                h('td', {}, r.language),
                h('td', {}, r.source),
                h('td', { class: 'validity' }, r.validity),
              ),
            ),
          ),
        ),
      ),
    );
  }

  private renderDetail(): void {
    const t = this.t;
    if (!this.selected) return fill(this.detailEl, h('p', { class: 'note' }, t('agreements.select')));
    if (this.state === 'loading') return fill(this.detailEl, h('p', { class: 'note' }, t('agreements.loading')));
    if (this.state === 'error' || !this.detail) return fill(this.detailEl, h('p', { class: 'error' }, t('app.error')));
    const { detail, extras } = this.detail;
    // the heading counts what the part shows, "(100 av 130)" when the whole list holds more
    const section = (key: string, count: number, body: Child | Child[], total = count) =>
      h('details', { class: `part ${key}`, 'data-part': key, open: true }, h('summary', {}, h('h4', {}, `${t(`agreements.${key}`)} (${shownOf(t, count, total)})`)), count ? body : h('p', { class: 'muted' }, t('agreements.empty')));
    fill(
      this.detailEl,
      h('h3', { id: 'agreement-title' }, detail.title),
      h(
        'div',
        { class: 'validity-block', 'data-part': 'validity' },
        h('p', {}, h('strong', {}, `${t('agreements.validity')}: `), h('span', { class: 'validity-text' }, validityText(detail.validity, this.lang, t))),
        detail.validity?.evidence ? evidenceBlock(detail.validity.evidence, t) : h('p', { class: 'muted' }, t('agreements.noValidity')),
      ),
      section(
        'obligations',
        detail.obligations.items.length,
        [
          h(
            'ol',
            { class: 'obligations' },
            detail.obligations.items.map((o) => {
              const line = obligationLine(o, t);
              return h(
                'li',
                { 'data-obligation': o.id, 'data-modality': o.modality },
                h('p', {}, h('strong', { class: 'who' }, line.who), ' ', h('span', { class: 'chip modality' }, line.modality), ' ', h('span', { class: 'action' }, line.action)),
                line.where ? h('p', { class: 'muted where' }, line.where) : null,
                evidenceBlock(o.evidence, t),
              );
            }),
          ),
          moreNote(t, detail.obligations.items.length, detail.obligations.totalCount),
        ],
        detail.obligations.totalCount,
      ),
      section(
        'planAnchors',
        detail.planAnchors.length,
        h(
          'ul',
          { class: 'anchors' },
          detail.planAnchors.map((a) => h('li', { 'data-anchor': a.anchor.id }, h('p', {}, h('span', { class: 'anchor-name' }, a.anchor.name), ' ', chip(this.anchorType(a.anchor.type), 'kind')), evidenceBlock(a.evidence, t))),
        ),
      ),
      section('subGoals', detail.subGoals.length, h('ul', { class: 'subgoals' }, subGoalParts(detail, extras).map((s) => this.subGoal(s)))),
    );
  }

  private anchorType(type: string): string {
    const label = this.t(`anchor.${type}`);
    return label === `anchor.${type}` ? type : label;
  }

  private subGoal(s: SubGoalPart): HTMLElement {
    const t = this.t;
    // groups with their sentences where the API gives them, else the bare names
    const groups: Child = s.groups.length
      ? h('ul', { class: 'groups' }, s.groups.map((g) => h('li', { 'data-group': g.group.name }, h('p', {}, h('span', { class: 'group-name' }, g.group.name), ' ', chip(t(`role.${g.role}`), 'role')), evidenceBlock(g.evidence, t))))
      : s.partnerGroups.length || s.mayInviteGroups.length
        ? h('p', { class: 'groups' }, [...s.partnerGroups.map((g) => chip(g, 'group')), ...s.mayInviteGroups.map((g) => chip(`${g} (${t('role.MAY_INVITE')})`, 'group'))])
        : null;
    return h(
      'li',
      { 'data-subgoal': s.id },
      h('h5', {}, `${s.number}. ${s.title}`),
      h('p', {}, s.themes.map((x) => chip(t(`theme.${x}`), 'theme'))),
      groups ? h('div', { class: 'sub-part' }, h('h6', {}, t('agreements.groups')), groups) : null,
      s.themeReasons.length
        ? h(
            'div',
            { class: 'sub-part' },
            h('h6', {}, t('agreements.themeReasons')),
            h('ul', { class: 'reasons' }, s.themeReasons.map((r) => h('li', { 'data-theme': r.theme }, h('p', {}, chip(t(`theme.${r.theme}`), 'theme'), ' ', h('span', { class: 'words' }, t('agreements.words', { words: r.words.join(', ') }))), evidenceBlock(r.evidence, t)))),
          )
        : null,
      evidenceBlock(s.evidence, t),
    );
  }
}
