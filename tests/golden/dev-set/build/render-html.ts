/**
 * Generator 3: Chromium print-to-PDF. Writes an HTML page with <html lang="nb|nn">, Liberation
 * Sans, `text-align: justify; hyphens: auto`, `column-count: 2` below the title when the source
 * asks for two columns, real <table>s, bullets as a "•" character (not a drawn disc, so the text
 * layer has it) and the running header/footer as CSS @page margin boxes
 * (counter(page) / counter(pages)).
 *
 * Debian's headless Chromium ships no hyphenation dictionaries, so `hyphens: auto` alone breaks
 * no word. Unless `softHyphens` is false, body text therefore gets soft hyphens (U+00AD) from the
 * `hyphen` package's nb/nn TeX patterns, and Chromium breaks at them and prints a hyphen, as a
 * word processor would. Headings are never hyphenated. A small script in the page then removes
 * every soft hyphen that did not end up at a line end (an unbroken soft hyphen has no width, so
 * removing it changes no line break): without it, Chromium's text layer would carry U+00AD inside
 * almost every long word, which no word processor's PDF does. For the script to see the print
 * line breaks, the screen layout uses the print content width (A4 less the @page side margins).
 */
import { createRequire } from 'node:module';
import { templateParts, type Block, type SourceDocument, type Span } from './source.ts';

const require = createRequire(import.meta.url);
type Hyphenate = (text: string, options?: { minWordLength?: number }) => string;
const hyphenators: Record<'nb' | 'nn', Hyphenate> = {
  nb: (require('hyphen/nb') as { hyphenateSync: Hyphenate }).hyphenateSync,
  nn: (require('hyphen/nn') as { hyphenateSync: Hyphenate }).hyphenateSync,
};

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function cssContent(template: string): string {
  return templateParts(template)
    .map((part) => (part.kind === 'page' ? 'counter(page)' : part.kind === 'pages' ? 'counter(pages)' : cssString(part.text)))
    .join(' ');
}

/** Runs in the page: keeps only the soft hyphens at which a line actually breaks. */
const KEEP_LINE_END_SOFT_HYPHENS = `
(function () {
  var SHY = '\\u00AD';
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  var plans = [];
  var range = document.createRange();
  while (walker.nextNode()) {
    var node = walker.currentNode;
    var text = node.data;
    if (text.indexOf(SHY) < 0) continue;
    var keep = {};
    for (var i = text.indexOf(SHY); i >= 0; i = text.indexOf(SHY, i + 1)) {
      if (i === 0 || i === text.length - 1) continue;
      range.setStart(node, i - 1); range.setEnd(node, i);
      var before = range.getBoundingClientRect();
      range.setStart(node, i + 1); range.setEnd(node, i + 2);
      var after = range.getBoundingClientRect();
      if (Math.abs(after.top - before.top) > 2 || after.left < before.left) keep[i] = true;
    }
    plans.push([node, keep]);
  }
  plans.forEach(function (plan) {
    var node = plan[0], keep = plan[1], text = node.data, out = '';
    for (var j = 0; j < text.length; j++) if (text[j] !== SHY || keep[j]) out += text[j];
    node.data = out;
  });
})();
`;

export interface HtmlOptions {
  softHyphens: boolean;
}

export function renderHtml(source: SourceDocument, options: HtmlOptions = { softHyphens: true }): string {
  const lang = source.meta.lang;
  const hyphenate = (text: string) => (options.softHyphens ? hyphenators[lang](text, { minWordLength: 7 }) : text);
  const spans = (list: Span[]) => list.map((s) => (s.bold ? `<strong>${esc(hyphenate(s.text))}</strong>` : esc(hyphenate(s.text)))).join('');

  const renderBlock = (block: Block): string => {
    switch (block.kind) {
      case 'heading':
        return `<h${block.level}>${esc(block.text)}</h${block.level}>`;
      case 'paragraph':
        return `<p>${spans(block.spans)}</p>`;
      case 'list': {
        const items = block.items.map((item) => `<li><span class="label">${esc(item.label ?? '•')}</span>${spans(item.spans)}</li>`);
        const labelled = block.items.some((item) => item.label !== null);
        return `<ul class="${labelled ? 'labelled' : 'bullets'}">\n${items.join('\n')}\n</ul>`;
      }
      case 'table': {
        const head = `<thead><tr>${block.header.map((c) => `<th>${spans(c)}</th>`).join('')}</tr></thead>`;
        const rows = block.rows.map((row) => `<tr>${row.map((c) => `<td>${spans(c)}</td>`).join('')}</tr>`).join('\n');
        return `<table>\n${head}\n<tbody>\n${rows}\n</tbody>\n</table>`;
      }
    }
  };

  const blocks = source.blocks;
  const titleIndex = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  let bodyHtml: string;
  if (source.meta.columns === 2) {
    bodyHtml = [
      ...blocks.slice(0, titleIndex + 1).map(renderBlock),
      '<div class="columns">',
      ...blocks.slice(titleIndex + 1).map(renderBlock),
      '</div>',
    ].join('\n');
  } else {
    bodyHtml = blocks.map(renderBlock).join('\n');
  }

  const marginFont = "font-family: 'Liberation Sans', sans-serif; font-size: 8pt; color: #444;";
  const header = source.meta.header ? `@top-right { content: ${cssContent(source.meta.header)}; ${marginFont} }` : '';
  const footer = source.meta.footer ? `@bottom-center { content: ${cssContent(source.meta.footer)}; ${marginFont} }` : '';

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${esc(source.title)}</title>
<style>
@page { size: A4; margin: 22mm 20mm 22mm 20mm; ${header} ${footer} }
html { font-family: 'Liberation Sans', sans-serif; font-size: 10.5pt; line-height: 1.38; }
body { margin: 0; text-align: justify; hyphens: auto; -webkit-hyphens: auto; orphans: 2; widows: 2; }
h1, h2, h3 { text-align: left; hyphens: manual; break-after: avoid; page-break-after: avoid; line-height: 1.2; }
h1 { font-size: 19pt; margin: 0 0 12pt 0; }
h2 { font-size: 13pt; margin: 14pt 0 5pt 0; }
h3 { font-size: 11pt; margin: 10pt 0 4pt 0; }
p { margin: 0 0 6pt 0; }
ul { list-style: none; margin: 0 0 7pt 0; padding: 0; }
ul.bullets li { padding-left: 1.3em; text-indent: -1.3em; margin-bottom: 2pt; }
ul.bullets li .label { display: inline-block; width: 1.3em; text-indent: 0; }
ul.labelled li { padding-left: 2em; text-indent: -2em; margin-bottom: 2pt; }
ul.labelled li .label { display: inline-block; width: 2em; text-indent: 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 9pt 0; font-size: 9.5pt; text-align: left; }
th, td { border: 0.6pt solid #444; padding: 3pt 4pt; vertical-align: top; }
th { background: #e6e6e6; }
.columns { column-count: 2; column-gap: 8mm; }
@media screen { html { width: 170mm; } }
</style>
</head>
<body>
${bodyHtml}
${options.softHyphens ? `<script>${KEEP_LINE_END_SOFT_HYPHENS}</script>` : ''}
</body>
</html>
`;
}
