/** A few DOM helpers: element creation, chips, keeping the focus across a re-render. */
import type { Translate } from './labels.ts';

export type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined | ((event: never) => void);

/** An element with attributes (`on…` functions become listeners, `true` an empty attribute) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, AttrValue> = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    else if (name === 'class') el.className = String(value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace an element's children. */
export function fill(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

export function chip(text: string, cls = ''): HTMLElement {
  return h('span', { class: `chip ${cls}`.trim() }, text);
}

/**
 * Runs an update that rebuilds part of the page, and puts the keyboard focus back on the
 * element that takes the place of the one that had it (same id, same party, same radio or checkbox).
 */
export function keepFocus(scope: Element, update: () => void): void {
  const active = document.activeElement;
  let selector: string | null = null;
  if (active instanceof HTMLElement && scope.contains(active)) {
    if (active.id) selector = `#${CSS.escape(active.id)}`;
    else if (active.dataset.party) selector = `[data-party="${CSS.escape(active.dataset.party)}"]`;
    else if (active instanceof HTMLInputElement && active.name) selector = `input[name="${CSS.escape(active.name)}"][value="${CSS.escape(active.value)}"]`;
    else if (active instanceof HTMLAnchorElement) selector = `a[href="${CSS.escape(active.getAttribute('href') ?? '')}"]`;
  }
  update();
  if (selector && !active?.isConnected) scope.querySelector<HTMLElement>(selector)?.focus();
}

/** Under a list that shows one page of a longer one: "Viser 20 av 35." (nothing when it shows all). */
export function moreNote(t: Translate, shown: number, total: number): HTMLElement | null {
  return total > shown ? h('p', { class: 'note more', 'data-shown': shown, 'data-total': total }, t('common.showing', { shown, total })) : null;
}

/** Download links, grouped by what they are: "Download: the matrix CSV · XLSX". */
export function downloadLinks(t: (key: string) => string, links: { label: string; format: string; href: string }[]): HTMLElement {
  const groups = [...new Set(links.map((l) => l.label))];
  return h(
    'p',
    { class: 'downloads' },
    h('span', { class: 'downloads-label' }, `${t('downloads.label')}:`),
    groups.map((label) =>
      h('span', { class: 'download-group' }, ` ${t(label)} `, links.filter((l) => l.label === label).map((l) => h('a', { href: l.href, download: '', class: 'download', 'data-format': l.format }, l.format.toUpperCase()))),
    ),
  );
}
