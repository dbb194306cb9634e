/**
 * Generator 2: LibreOffice. Writes a Flat ODT (.fodt) that `soffice --headless --convert-to pdf`
 * turns into a PDF: Liberation Serif, justified body text with automatic hyphenation
 * (fo:hyphenate, language nb-NO / nn-NO; needs Debian's hyphen-no patterns), real heading styles
 * (Heading 1–3 with outline levels, no automatic numbering — the numbering is in the text),
 * bullet lists and numbered lists as text:list, tables as table:table, running header/footer with
 * page-number / page-count fields, and a two-column section when the source asks for it (the
 * title stays above the columns).
 */
import { templateParts, type Block, type SourceDocument, type Span } from './source.ts';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function spans(list: Span[]): string {
  return list.map((s) => (s.bold ? `<text:span text:style-name="Strong_20_Emphasis">${esc(s.text)}</text:span>` : esc(s.text))).join('');
}

function template(text: string): string {
  return templateParts(text)
    .map((part) => {
      if (part.kind === 'page') return '<text:page-number text:select-page="current">1</text:page-number>';
      if (part.kind === 'pages') return '<text:page-count>1</text:page-count>';
      return esc(part.text);
    })
    .join('');
}

/** A labelled list whose labels run 1., 2., 3. … or a), b), c) … becomes a real numbered list. */
function numbering(labels: string[]): { format: string; suffix: string; start: number } | null {
  const first = labels[0];
  if (!first) return null;
  const digits = /^(\d+)\.$/.exec(first);
  if (digits) {
    const start = Number(digits[1]);
    return labels.every((l, i) => l === `${start + i}.`) ? { format: '1', suffix: '.', start } : null;
  }
  const letter = /^([a-z])\)$/.exec(first);
  if (letter) {
    const start = (letter[1] ?? 'a').charCodeAt(0) - 96;
    return labels.every((l, i) => l === `${String.fromCharCode(96 + start + i)})`) ? { format: 'a', suffix: ')', start } : null;
  }
  return null;
}

export function renderFodt(source: SourceDocument): string {
  const lang = source.meta.lang;
  const automatic: string[] = [];
  const body: string[] = [];
  let listCount = 0;
  let tableCount = 0;

  const renderBlock = (block: Block) => {
    switch (block.kind) {
      case 'heading':
        body.push(`<text:h text:style-name="Heading_20_${block.level}" text:outline-level="${block.level}">${esc(block.text)}</text:h>`);
        break;
      case 'paragraph':
        body.push(`<text:p text:style-name="Text_20_body">${spans(block.spans)}</text:p>`);
        break;
      case 'list': {
        const labels = block.items.map((item) => item.label);
        const allBullets = labels.every((l) => l === null);
        const num = allBullets ? null : numbering(labels.map((l) => l ?? ''));
        if (allBullets) {
          body.push('<text:list text:style-name="List_20_Bullet">');
          for (const item of block.items) body.push(`<text:list-item><text:p text:style-name="List_20_Item">${spans(item.spans)}</text:p></text:list-item>`);
          body.push('</text:list>');
        } else if (num) {
          listCount++;
          const name = `LNum${listCount}`;
          automatic.push(
            `<text:list-style style:name="${name}"><text:list-level-style-number text:level="1" style:num-format="${num.format}" style:num-suffix="${num.suffix}" text:start-value="${num.start}"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.75cm" fo:text-indent="-0.6cm" fo:margin-left="0.75cm"/></style:list-level-properties></text:list-level-style-number></text:list-style>`,
          );
          body.push(`<text:list text:style-name="${name}">`);
          for (const item of block.items) body.push(`<text:list-item><text:p text:style-name="List_20_Item">${spans(item.spans)}</text:p></text:list-item>`);
          body.push('</text:list>');
        } else {
          // Irregular labels: hanging-indent paragraphs with the label as written.
          for (const item of block.items) {
            body.push(`<text:p text:style-name="List_20_Labelled">${esc(item.label ?? '•')}<text:tab/>${spans(item.spans)}</text:p>`);
          }
        }
        break;
      }
      case 'table': {
        tableCount++;
        const name = `Table${tableCount}`;
        const cols = block.header.length;
        const lengths = block.header.map((cell, col) =>
          Math.max(12, Math.min(90, Math.max(cell.map((s) => s.text).join('').length, ...block.rows.map((row) => (row[col] ?? []).map((s) => s.text).join('').length)))),
        );
        const total = lengths.reduce((a, b) => a + b, 0);
        automatic.push(`<style:style style:name="${name}" style:family="table"><style:table-properties style:width="16.4cm" style:rel-width="100%" table:align="margins" fo:margin-top="0.1cm" fo:margin-bottom="0.3cm"/></style:style>`);
        lengths.forEach((len, col) => {
          automatic.push(`<style:style style:name="${name}.C${col}" style:family="table-column"><style:table-column-properties style:rel-width="${Math.round((len / total) * 10000)}*"/></style:style>`);
        });
        body.push(`<table:table table:name="${name}" table:style-name="${name}">`);
        for (let col = 0; col < cols; col++) body.push(`<table:table-column table:style-name="${name}.C${col}"/>`);
        body.push('<table:table-header-rows><table:table-row>');
        for (const cell of block.header) {
          body.push(`<table:table-cell table:style-name="Cell" office:value-type="string"><text:p text:style-name="Table_20_Heading">${spans(cell)}</text:p></table:table-cell>`);
        }
        body.push('</table:table-row></table:table-header-rows>');
        for (const row of block.rows) {
          body.push('<table:table-row>');
          for (const cell of row) {
            body.push(`<table:table-cell table:style-name="Cell" office:value-type="string"><text:p text:style-name="Table_20_Contents">${spans(cell)}</text:p></table:table-cell>`);
          }
          body.push('</table:table-row>');
        }
        body.push('</table:table>');
        break;
      }
    }
  };

  const blocks = source.blocks;
  const titleIndex = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  if (source.meta.columns === 2) {
    blocks.slice(0, titleIndex + 1).forEach(renderBlock);
    body.push('<text:section text:style-name="TwoColumns" text:name="Columns">');
    blocks.slice(titleIndex + 1).forEach(renderBlock);
    body.push('</text:section>');
  } else {
    blocks.forEach(renderBlock);
  }

  const textProps = (size: string, extra = '') =>
    `<style:text-properties style:font-name="Liberation Serif" fo:font-size="${size}" fo:language="${lang}" fo:country="NO" fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"${extra}/>`;
  const headingProps = (size: string) =>
    `<style:text-properties style:font-name="Liberation Sans" fo:font-size="${size}" fo:font-weight="bold" fo:language="${lang}" fo:country="NO" fo:hyphenate="false"/>`;

  const header = source.meta.header ? `<style:header><text:p text:style-name="Header">${template(source.meta.header)}</text:p></style:header>` : '';
  const footer = source.meta.footer ? `<style:footer><text:p text:style-name="Footer">${template(source.meta.footer)}</text:p></style:footer>` : '';

  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>${esc(source.title)}</dc:title><dc:language>${lang}-NO</dc:language><meta:generator>dev-set build (render-fodt.ts)</meta:generator></office:meta>
<office:font-face-decls>
<style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
<style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/>
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:orphans="2" fo:widows="2"/>${textProps('11pt')}</style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text">${textProps('11pt')}</style:style>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:text-align="justify" fo:margin-top="0cm" fo:margin-bottom="0.22cm" fo:line-height="115%"/>${textProps('11pt')}</style:style>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"><style:paragraph-properties fo:margin-top="0.42cm" fo:margin-bottom="0.21cm" fo:keep-with-next="always"/>${headingProps('12pt')}</style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1" style:class="text"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.4cm"/>${headingProps('18pt')}</style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2" style:class="text">${headingProps('13.5pt')}</style:style>
<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="3" style:class="text"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.15cm"/>${headingProps('11.5pt')}</style:style>
<style:style style:name="List_20_Item" style:display-name="List Item" style:family="paragraph" style:parent-style-name="Text_20_body" style:class="list"><style:paragraph-properties fo:margin-bottom="0.1cm"/></style:style>
<style:style style:name="List_20_Labelled" style:display-name="List Labelled" style:family="paragraph" style:parent-style-name="Text_20_body" style:class="list"><style:paragraph-properties fo:margin-left="0.75cm" fo:text-indent="-0.75cm" fo:margin-bottom="0.1cm"><style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="start"/>${textProps('10pt')}</style:style>
<style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra">${textProps('10pt', ' fo:font-weight="bold"')}</style:style>
<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="end"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="8pt" fo:color="#444444"/></style:style>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="8pt" fo:color="#444444"/></style:style>
<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<text:outline-style style:name="Outline">${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((l) => `<text:outline-level-style text:level="${l}" style:num-format=""/>`).join('')}</text:outline-style>
<text:list-style style:name="List_20_Bullet" style:display-name="List Bullet"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.7cm" fo:text-indent="-0.45cm" fo:margin-left="0.7cm"/></style:list-level-properties><style:text-properties style:font-name="Liberation Serif"/></text:list-level-style-bullet></text:list-style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.3cm" fo:margin-right="2.3cm"/><style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.5cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>
<style:style style:name="TwoColumns" style:family="section"><style:section-properties text:dont-balance-text-columns="false"><style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:section-properties></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #444444"/></style:style>
${automatic.join('\n')}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">${header}${footer}</style:master-page></office:master-styles>
<office:body><office:text>
${body.join('\n')}
</office:text></office:body></office:document>
`;
}
