/** The pilots × themes view: the matrix, a party highlight and the detail of a cell. */
import { chip, downloadLinks, fill, h, keepFocus } from './dom.ts';
import { matrixDownloads } from './downloads.ts';
import { evidenceBlock } from './evidence-view.ts';
import { uniqueEvidence } from './evidence.ts';
import type { Translate } from './labels.ts';
import { buildMatrix, cellDetail, highlightFromInvolvement, type Highlight, type Matrix } from './matrix-model.ts';
import type { GraphQLClient } from './queries.ts';
import type { ExplorerData, Theme } from './types.ts';

export class MatrixView {
  private highlight: Highlight | null = null;
  private partyText = '';
  private status: { key: string; params: Record<string, string | number> } | null = null;
  private selected: { pilot: string; theme: Theme } | null = null;
  private matrix: Matrix;
  private t: Translate;

  private readonly controls = h('form', { class: 'matrix-controls', role: 'search' });
  private readonly statusEl = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly tableWrap = h('div', { class: 'matrix-wrap' });
  private readonly detailEl = h('section', { class: 'detail', id: 'cell-detail', tabindex: -1, 'aria-live': 'polite' });

  constructor(private readonly root: HTMLElement, private readonly data: ExplorerData, private readonly client: GraphQLClient, t: Translate) {
    this.t = t;
    this.matrix = buildMatrix(data.pilots, data.subGoals);
    this.controls.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.highlightParty(this.partyText);
    });
    fill(root, h('h2', { id: 'matrix-heading' }), h('p', { class: 'help', id: 'matrix-help' }), this.controls, this.statusEl, this.tableWrap, this.detailEl);
    this.render(t);
  }

  render(t: Translate): void {
    keepFocus(this.root, () => this.renderAll(t));
  }

  private renderAll(t: Translate): void {
    this.t = t;
    this.root.querySelector('#matrix-heading')!.textContent = t('matrix.title');
    this.root.querySelector('#matrix-help')!.textContent = t('matrix.help');
    fill(
      this.controls,
      h('label', { for: 'matrix-party' }, t('matrix.party')),
      h('input', { id: 'matrix-party', type: 'search', list: 'matrix-party-names', value: this.partyText, placeholder: t('matrix.partyPlaceholder'), autocomplete: 'off', oninput: (e: Event) => (this.partyText = (e.target as HTMLInputElement).value) }),
      h('button', { type: 'submit', id: 'matrix-highlight' }, t('matrix.highlight')),
      h('button', { type: 'button', class: 'secondary', onclick: () => void this.highlightParty('') }, t('common.clear')),
      h('span', { class: 'legend-item' }, h('span', { class: 'mark', 'aria-hidden': 'true' }, '●'), ' ', t('matrix.legendHighlighted')),
      downloadLinks(t, matrixDownloads(this.highlight?.party ?? null)),
      h('datalist', { id: 'matrix-party-names' }, [...new Set(this.data.parties.flatMap((p) => [p.name, ...p.aliases]))].sort().map((n) => h('option', { value: n }))),
    );
    this.statusEl.textContent = this.status ? t(this.status.key, this.status.params) : '';
    this.renderTable();
    this.renderDetail();
  }

  async highlightParty(text: string): Promise<void> {
    this.partyText = text.trim();
    if (!this.partyText) {
      this.highlight = null;
      this.status = null;
    } else {
      const { party, suggestions } = await this.client.lookUpParty(this.partyText).catch(() => ({ party: null, suggestions: [] as string[] }));
      const involvement = party ? await this.client.involvement(party.name) : [];
      const name = party?.name ?? this.partyText;
      this.highlight = involvement.length ? highlightFromInvolvement(name, involvement) : null;
      if (involvement.length) this.status = { key: 'matrix.involved', params: { party: name, pilots: involvement.length } };
      // a name the graph does not know: say so, with the names it may have meant
      else if (!party) this.status = { key: suggestions.length ? 'matrix.unknownParty' : 'matrix.noSuchParty', params: { party: this.partyText, suggestions: suggestions.join(', ') } };
      else this.status = { key: 'matrix.notInvolved', params: { party: this.partyText } };
    }
    this.matrix = buildMatrix(this.data.pilots, this.data.subGoals, this.highlight);
    this.root.dataset.highlight = this.highlight?.party ?? '';
    this.render(this.t);
  }

  private renderTable(): void {
    const t = this.t;
    const m = this.matrix;
    const table = h(
      'table',
      { class: 'matrix', id: 'matrix' },
      h('caption', {}, t('matrix.caption')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'pilot-col' }, t('matrix.pilotHeader')), m.themes.map((theme) => h('th', { scope: 'col', class: 'theme-col', 'data-theme': theme }, h('span', {}, t(`theme.${theme}`)))))),
      h(
        'tbody',
        {},
        m.rows.map((row) =>
          h(
            'tr',
            { class: row.highlighted ? 'highlighted' : null, 'data-pilot': row.pilot.id },
            h('th', { scope: 'row' }, row.pilot.name, h('span', { class: 'cohort' }, t('common.cohortN', { n: row.pilot.cohort ?? '?' }))),
            row.cells.map((cell) => {
              if (cell.subGoals.length === 0) return h('td', { class: 'empty' }, h('span', { 'aria-hidden': 'true' }, '·'));
              const pressed = this.selected?.pilot === cell.pilot && this.selected.theme === cell.theme;
              const label = t('matrix.cellLabel', { pilot: row.pilot.name, theme: t(`theme.${cell.theme}`), n: cell.subGoals.length }) + (cell.highlighted ? `; ${t('matrix.cellInvolved', { party: this.highlight!.party })}` : '');
              return h(
                'td',
                { class: cell.highlighted ? 'highlighted' : null },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'cell',
                    'data-pilot': cell.pilot,
                    'data-theme': cell.theme,
                    'data-highlighted': String(cell.highlighted),
                    title: cell.tooltip,
                    'aria-label': label,
                    'aria-pressed': String(pressed),
                    onclick: () => this.open(cell.pilot, cell.theme),
                    onkeydown: (e: KeyboardEvent) => this.arrow(e),
                  },
                  String(cell.subGoals.length),
                  cell.highlighted ? h('span', { class: 'mark', 'aria-hidden': 'true' }, '●') : null,
                ),
              );
            }),
          ),
        ),
      ),
    );
    fill(this.tableWrap, table);
  }

  /** Arrow keys move between the cells that have sub-goals, in the direction pressed. */
  private arrow(e: KeyboardEvent): void {
    const moves: Record<string, [number, number]> = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] };
    const move = moves[e.key];
    if (!move) return;
    const button = e.currentTarget as HTMLButtonElement;
    const td = button.closest('td')!;
    const tr = td.closest('tr')!;
    const rows = [...tr.parentElement!.children] as HTMLTableRowElement[];
    let r = rows.indexOf(tr);
    let c = td.cellIndex;
    for (;;) {
      r += move[0];
      c += move[1];
      const target = rows[r]?.cells[c];
      if (!target || c < 1) return;
      const next = target.querySelector<HTMLButtonElement>('button.cell');
      if (next) {
        e.preventDefault();
        next.focus();
        return;
      }
    }
  }

  private open(pilot: string, theme: Theme): void {
    this.selected = { pilot, theme };
    this.renderTable();
    this.renderDetail();
    this.tableWrap.querySelector<HTMLButtonElement>(`button.cell[data-pilot="${pilot}"][data-theme="${theme}"]`)?.focus();
    this.detailEl.scrollIntoView({ block: 'nearest' });
  }

  private renderDetail(): void {
    const t = this.t;
    const cell = this.selected && cellDetail(this.matrix, this.selected.pilot, this.selected.theme);
    if (!cell) return fill(this.detailEl, h('p', { class: 'note' }, t('matrix.select')));
    const pilot = this.data.pilots.find((p) => p.id === cell.pilot)!;
    fill(
      this.detailEl,
      h('h3', {}, t('matrix.cellTitle', { pilot: pilot.name, theme: t(`theme.${cell.theme}`) })),
      h(
        'ul',
        { class: 'subgoals' },
        cell.subGoals.map((s) =>
          h(
            'li',
            { 'data-subgoal': s.id, class: this.highlight?.subGoals.has(s.id) ? 'highlighted' : null },
            h('h4', {}, `${s.number}. ${s.title}`),
            h('p', { class: 'muted' }, s.agreement.title, ' ', s.themes.map((x) => chip(t(`theme.${x}`), 'theme'))),
            s.partners.length
              ? h('p', { class: 'partners' }, h('strong', {}, `${t('matrix.partners')}: `), s.partners.flatMap((p, i) => [i ? ', ' : '', this.highlight && p.party.name === this.highlight.party ? h('mark', {}, p.party.name) : p.party.name]))
              : null,
            s.mayInvite.length ? h('p', { class: 'partners' }, h('strong', {}, `${t('matrix.mayInvite')}: `), s.mayInvite.map((p) => p.party.name).join(', ')) : null,
            uniqueEvidence([s.evidence, ...s.partners.map((p) => p.evidence)]).map((e) => evidenceBlock(e, t)),
          ),
        ),
      ),
    );
  }
}
