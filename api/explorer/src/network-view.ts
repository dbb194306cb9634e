/** The party network view: filters, search, the sigma graph, the list of parties and a party's details. */
import type { UndirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { chip, downloadLinks, fill, h, keepFocus, moreNote } from './dom.ts';
import { networkDownloads } from './downloads.ts';
import { evidenceBlock } from './evidence-view.ts';
import type { Translate } from './labels.ts';
import { DEFAULT_FILTER, filterNetwork, KIND_COLOURS, layoutGraph, searchParties, type NetworkFilter, type PartyMatch, type ShownNetwork } from './network-model.ts';
import { groupPartyRoles } from './party-model.ts';
import type { GraphQLClient } from './queries.ts';
import { PARTY_KINDS, THEMES, type ExplorerData, type PartyDetail, type PartyKind, type Theme } from './types.ts';

export class NetworkView {
  private filter: NetworkFilter = { ...DEFAULT_FILTER, kinds: [] };
  private shown: ShownNetwork = { nodes: [], edges: [] };
  private graph: UndirectedGraph | null = null;
  private sigma: Sigma | null = null;
  private sigmaFailed = false;
  private selected: string | null = null;
  private detail: PartyDetail | null = null;
  private detailState: 'idle' | 'loading' | 'error' = 'idle';
  private searchText = '';
  private matches: PartyMatch[] | null = null;
  private t: Translate;

  private readonly controls = h('form', { class: 'filters', novalidate: true });
  private readonly canvas = h('div', { class: 'graph-canvas', id: 'network-canvas', role: 'img' });
  private readonly summary = h('p', { class: 'graph-summary', 'aria-live': 'polite' });
  private readonly legend = h('ul', { class: 'legend' });
  private readonly list = h('div', { class: 'party-list' });
  private readonly detailEl = h('aside', { class: 'detail', id: 'party-detail', 'aria-live': 'polite', tabindex: -1 });

  constructor(private readonly root: HTMLElement, private readonly data: ExplorerData, private readonly client: GraphQLClient, t: Translate) {
    this.t = t;
    this.controls.addEventListener('submit', (e) => e.preventDefault());
    fill(
      root,
      h('h2', { id: 'network-heading' }),
      h('p', { class: 'help', id: 'network-help' }),
      h('div', { class: 'network-layout' }, this.controls, h('div', { class: 'graph-area' }, this.canvas, this.summary, this.legend), this.detailEl),
      this.list,
    );
    this.applyFilter();
    this.render(t);
  }

  render(t: Translate): void {
    this.t = t;
    keepFocus(this.root, () => {
      this.root.querySelector('#network-heading')!.textContent = t('network.title');
      this.root.querySelector('#network-help')!.textContent = t('network.help');
      this.canvas.setAttribute('aria-label', t('network.canvasLabel'));
      this.renderControls();
      this.renderLegend();
      this.renderList();
      this.renderDetail();
    });
  }

  /** Call when the view becomes visible (sigma needs a sized container). */
  onShow(): void {
    if (!this.sigma && !this.sigmaFailed) this.draw();
    this.sigma?.resize();
    this.sigma?.refresh();
  }

  private renderControls(): void {
    const t = this.t;
    const f = this.filter;
    const kinds = h(
      'fieldset',
      { class: 'kinds' },
      h('legend', {}, t('network.kinds')),
      PARTY_KINDS.filter((k) => this.data.network.nodes.some((n) => n.kind === k)).map((k) =>
        h(
          'label',
          { class: 'check' },
          h('input', { type: 'checkbox', name: 'kind', value: k, checked: f.kinds.length === 0 || f.kinds.includes(k), onchange: () => this.readKinds() }),
          h('span', { class: 'swatch', style: `background:${KIND_COLOURS[k]}`, 'aria-hidden': 'true' }),
          t(`kind.${k}`),
        ),
      ),
    );
    const select = (id: string, label: string, options: [string, string][], value: string, onchange: (v: string) => void) =>
      h(
        'label',
        { class: 'field', for: id },
        h('span', {}, label),
        h(
          'select',
          { id, onchange: (e: Event) => onchange((e.target as HTMLSelectElement).value) },
          h('option', { value: '' }, t('common.all')),
          options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
        ),
      );
    const themeCounts = new Set(this.data.subGoals.flatMap((s) => s.themes));
    const cohorts = [...new Set(this.data.pilots.map((p) => p.cohort).filter((c): c is number => c !== null))].sort();
    fill(
      this.controls,
      h(
        'div',
        { class: 'search', role: 'search' },
        h('label', { for: 'party-search' }, t('network.search')),
        h(
          'div',
          { class: 'row' },
          h('input', {
            id: 'party-search',
            type: 'search',
            value: this.searchText,
            autocomplete: 'off',
            list: 'party-names',
            oninput: (e: Event) => (this.searchText = (e.target as HTMLInputElement).value),
            onkeydown: (e: KeyboardEvent) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void this.search();
              }
            },
          }),
          h('button', { type: 'button', id: 'party-search-button', onclick: () => void this.search() }, t('network.searchButton')),
        ),
        this.renderMatches(),
      ),
      h('h3', { class: 'filters-heading' }, t('network.filters')),
      kinds,
      select('filter-theme', t('common.theme'), THEMES.filter((x) => themeCounts.has(x)).map((x) => [x, t(`theme.${x}`)]), f.theme ?? '', (v) => this.setFilter({ theme: (v || null) as Theme | null })),
      select('filter-pilot', t('common.pilot'), [...this.data.pilots].sort((a, b) => a.name.localeCompare(b.name, 'nb')).map((p) => [p.id, p.name]), f.pilot ?? '', (v) => this.setFilter({ pilot: v || null })),
      select('filter-cohort', t('common.cohort'), cohorts.map((c) => [String(c), t('common.cohortN', { n: c })]), f.cohort === null ? '' : String(f.cohort), (v) => this.setFilter({ cohort: v ? Number(v) : null })),
      h(
        'fieldset',
        { class: 'size-by' },
        h('legend', {}, t('network.sizeBy')),
        (['degree', 'betweenness'] as const).map((s) =>
          h('label', { class: 'check' }, h('input', { type: 'radio', name: 'size-by', value: s, checked: f.sizeBy === s, onchange: () => this.setFilter({ sizeBy: s }) }), t(`network.size.${s}`)),
        ),
      ),
      h(
        'label',
        { class: 'field', for: 'filter-min-weight' },
        h('span', {}, t('network.minWeight')),
        h('input', { id: 'filter-min-weight', type: 'number', min: 1, max: 8, step: 1, value: f.minWeight, onchange: (e: Event) => this.setFilter({ minWeight: Math.max(1, Number((e.target as HTMLInputElement).value) || 1) }) }),
      ),
      h('button', { type: 'button', class: 'secondary', onclick: () => this.setFilter({ ...DEFAULT_FILTER, kinds: [] }) }, t('common.clear')),
      downloadLinks(t, networkDownloads(f.kinds, f.minWeight, PARTY_KINDS)),
      h('datalist', { id: 'party-names' }, [...new Set(this.data.parties.flatMap((p) => [p.name, ...p.aliases]))].sort().map((n) => h('option', { value: n }))),
    );
  }

  private renderMatches(): HTMLElement | null {
    if (this.matches === null) return null;
    if (this.matches.length === 0) return h('p', { class: 'note', role: 'status' }, this.t('network.searchNone', { q: this.searchText }));
    return h(
      'ul',
      { class: 'matches', 'aria-label': this.t('network.searchResults') },
      this.matches.map((m) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'link-button', 'data-party': m.id, 'aria-pressed': String(m.id === this.selected), onclick: () => void this.select(m.id) },
            m.name,
            m.matched !== m.name ? h('span', { class: 'muted' }, ` (${m.matched})`) : null,
          ),
        ),
      ),
    );
  }

  private readKinds(): void {
    const boxes = [...this.controls.querySelectorAll<HTMLInputElement>('input[name=kind]')];
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value as PartyKind);
    this.setFilter({ kinds: chosen.length === boxes.length ? [] : chosen.length ? chosen : ['__none__' as PartyKind] });
  }

  private setFilter(patch: Partial<NetworkFilter>): void {
    this.filter = { ...this.filter, ...patch };
    this.applyFilter();
    this.render(this.t);
  }

  private applyFilter(): void {
    this.shown = filterNetwork(this.data.network, this.data.parties, this.data.pilots, this.filter);
    this.graph = layoutGraph(this.shown);
    if (this.sigma) {
      this.sigma.setGraph(this.graph);
      this.frame();
      this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    }
    this.root.dataset.nodes = String(this.shown.nodes.length);
  }

  private draw(): void {
    if (!this.graph || this.canvas.clientHeight === 0) return;
    try {
      this.sigma = new Sigma(this.graph, this.canvas, {
        allowInvalidContainer: true,
        renderEdgeLabels: false,
        labelRenderedSizeThreshold: 0,
        labelFont: 'system-ui, sans-serif',
        labelSize: 12,
        labelColor: { color: '#1d2733' },
        zIndex: true,
        stagePadding: 50,
        nodeReducer: (node, attrs) => {
          if (!this.selected || !this.graph?.hasNode(this.selected)) return attrs;
          if (node === this.selected) return { ...attrs, highlighted: true, zIndex: 2, forceLabel: true };
          if (this.graph.areNeighbors(node, this.selected)) return { ...attrs, zIndex: 1 };
          return { ...attrs, color: '#d9dee5', label: '', zIndex: 0 };
        },
        edgeReducer: (edge, attrs) => {
          if (!this.selected || !this.graph?.hasNode(this.selected)) return attrs;
          return this.graph.hasExtremity(edge, this.selected) ? { ...attrs, color: '#5b6b7d' } : { ...attrs, hidden: true };
        },
      });
      this.frame();
      this.sigma.on('clickNode', ({ node }) => void this.select(node));
      this.sigma.on('enterNode', () => (this.canvas.style.cursor = 'pointer'));
      this.sigma.on('leaveNode', () => (this.canvas.style.cursor = ''));
      this.root.dataset.graph = 'drawn';
    } catch (error) {
      this.sigmaFailed = true;
      console.error(error);
      fill(this.canvas, h('p', { class: 'note' }, this.t('network.webglMissing')));
      this.root.dataset.graph = 'failed';
    }
  }

  /** Where a party's node is drawn, in pixels from the top left of the graph (for tests and tooling). */
  nodePosition(id: string): { x: number; y: number } | null {
    const node = this.sigma?.getNodeDisplayData(id);
    return node && this.sigma ? this.sigma.framedGraphToViewport(node) : null;
  }

  /** Frames the graph with room on the right for the labels, which sigma draws to the right of their nodes. */
  private frame(): void {
    if (!this.sigma || !this.graph || this.graph.order === 0) return;
    const xs = this.graph.mapNodes((_, a) => a.x as number);
    const ys = this.graph.mapNodes((_, a) => a.y as number);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const width = Math.max(maxX - minX, 1);
    this.sigma.setCustomBBox({ x: [minX, maxX + width * 0.25], y: [minY, maxY] });
    this.sigma.refresh();
  }

  private renderLegend(): void {
    const counts = new Map<PartyKind, number>();
    for (const n of this.shown.nodes) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
    this.summary.textContent = this.t('network.summary', { nodes: this.shown.nodes.length, edges: this.shown.edges.length });
    fill(
      this.legend,
      PARTY_KINDS.filter((k) => counts.has(k)).map((kind) => [kind, counts.get(kind)!] as const).map(([kind, n]) => h('li', {}, h('span', { class: 'swatch', style: `background:${KIND_COLOURS[kind]}`, 'aria-hidden': 'true' }), `${this.t(`kind.${kind}`)} (${n})`)),
    );
  }

  private renderList(): void {
    fill(
      this.list,
      h(
        'details',
        { class: 'party-list-box' },
        h('summary', {}, `${this.t('network.list')} — ${this.shown.nodes.length}`),
        h(
          'ul',
          {},
          this.shown.nodes.map((n) =>
            h(
              'li',
              {},
              h(
                'button',
                { type: 'button', class: 'link-button', 'data-party': n.id, 'aria-pressed': String(n.id === this.selected), onclick: () => void this.select(n.id) },
                h('span', { class: 'swatch', style: `background:${n.colour}`, 'aria-hidden': 'true' }),
                n.name,
                h('span', { class: 'muted' }, ` · ${this.t(`kind.${n.kind}`)} · ${this.t('party.degree')} ${n.degree}`),
              ),
            ),
          ),
        ),
      ),
    );
  }

  async search(): Promise<void> {
    const q = this.searchText.trim();
    if (!q) return;
    let matches = searchParties(this.data.parties, q);
    if (matches.length === 0) {
      // The server also matches near spellings and the aliases the lexicons know.
      const { party, suggestions } = await this.client.lookUpParty(q).catch(() => ({ party: null, suggestions: [] as string[] }));
      if (party) matches = [{ id: party.id, name: party.name, kind: party.kind, matched: q }];
      // the closest known names, when the graph knows none by this one
      else matches = suggestions.flatMap((name) => searchParties(this.data.parties, name, 1));
    }
    this.matches = matches;
    if (matches.length === 1) await this.select(matches[0]!.id);
    else this.render(this.t);
  }

  async select(id: string): Promise<void> {
    this.selected = id;
    this.detailState = 'loading';
    this.detail = null;
    this.render(this.t);
    this.sigma?.refresh();
    const name = this.data.parties.find((p) => p.id === id)?.name ?? this.data.network.nodes.find((n) => n.id === id)?.name ?? id;
    try {
      this.detail = await this.client.party(name);
      this.detailState = 'idle';
    } catch {
      this.detailState = 'error';
    }
    if (this.selected !== id) return;
    keepFocus(this.root, () => {
      this.renderDetail();
      this.renderList();
    });
  }

  private renderDetail(): void {
    const t = this.t;
    if (!this.selected) return fill(this.detailEl, h('p', { class: 'note' }, t('network.selectHint')));
    if (this.detailState === 'loading') return fill(this.detailEl, h('p', { class: 'note' }, t('party.loading')));
    if (this.detailState === 'error' || !this.detail) return fill(this.detailEl, h('p', { class: 'error' }, t('app.error')));
    const p = this.detail;
    const node = this.data.network.nodes.find((n) => n.id === p.id);
    const hidden = !this.shown.nodes.some((n) => n.id === p.id);
    fill(
      this.detailEl,
      h('h3', { id: 'party-name' }, p.name),
      h('p', {}, chip(t(`kind.${p.kind}`), 'kind'), node ? ` ${t('party.degree')} ${node.degree} · ${t('party.betweenness')} ${node.betweenness.toFixed(4)}` : ''),
      p.aliases.filter((a) => a !== p.name).length ? h('p', { class: 'muted' }, `${t('party.aliases')}: ${p.aliases.filter((a) => a !== p.name).join(', ')}`) : null,
      hidden ? h('p', { class: 'note' }, t('network.hiddenNote')) : null,
      h('h4', {}, t('party.pilots')),
      groupPartyRoles(p).map((g) =>
        h(
          'section',
          { class: 'pilot-group', 'data-pilot': g.pilot.id },
          h('h5', {}, g.pilot.name, ' ', g.roles.map((r) => chip(t(`role.${r}`), 'role'))),
          h(
            'ul',
            {},
            g.entries.map((e) =>
              h(
                'li',
                {},
                h('p', { class: 'entry-head' }, chip(t(`role.${e.role}`), 'role'), ' ', e.subGoal ? `${t('party.subGoal', { n: e.subGoal.number })}: ${e.subGoal.title}` : `${t('party.agreementLevel')}: ${e.agreement.title}`),
                e.themes.length ? h('p', { class: 'themes' }, e.themes.map((x) => chip(t(`theme.${x}`), 'theme'))) : null,
                evidenceBlock(e.evidence, t),
              ),
            ),
          ),
        ),
      ),
      moreNote(t, p.roles.items.length, p.roles.totalCount),
    );
  }
}
