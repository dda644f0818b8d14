// Escaping for the hand-written formats: each format has one helper, used for every value that
// comes from a report (tenant names, user names, policy names and summaries are tenant-controlled).

/**
 * Characters XML 1.0 does not allow (C0 controls other than tab, line feed and carriage return,
 * lone surrogates, U+FFFE and U+FFFF) and the C1 controls it discourages: a parser rejects the
 * first kind, and neither kind means anything in a report.
 */
const CONTROL_CHARACTERS = /[^\t\n\r\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text without control characters that XML and HTML documents cannot carry. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Text safe in XML element content and in attribute values (either quote): markup characters as
 * entities, and characters XML cannot carry removed. Line breaks stay as they are (a parser reads
 * them as spaces inside an attribute, which suits a one-line message).
 */
export function escapeXml(text: string): string {
  return stripControlCharacters(text).replace(/[&<>"']/g, (character) => XML_ENTITIES[character]!);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return stripControlCharacters(text).replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]!);
}

/**
 * Text that Markdown (GitHub's flavour) shows as written, on one line: the characters that start
 * emphasis, code, links, HTML, entities, tables, strikethrough and autolinked mentions are
 * backslash-escaped (CommonMark allows it before any ASCII punctuation), a start that would open
 * a block (heading, quote, list) is escaped too, and line breaks become spaces so a value cannot
 * start a block of its own.
 */
export function escapeMarkdown(text: string): string {
  return (
    stripControlCharacters(text)
      .replace(/\s*[\r\n]+\s*/g, ' ')
      .replace(/[\\`*_[\]<|~&@]/g, '\\$&')
      // Block starts, which matter only where a value begins a line: a quote, a heading, a list
      // item, a thematic break or a setext underline.
      .replace(/^(\s*)(>|#{1,6}(?=\s|$)|[-+](?=\s|$)|[-=](?=[-=\s]*$))/, '$1\\$2')
      .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
  );
}
