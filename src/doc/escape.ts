/**
 * Escaping for the two output formats. Every piece of text that comes from a task sequence (names,
 * descriptions, values, conditions) goes through one of these before it reaches the output.
 */

/** Text for HTML element content and attribute values (double- or single-quoted). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for a GitHub-flavoured Markdown table cell, shown literally. A cell holds inline content
 * only, so the characters to neutralise are the inline ones: `\ ` * _ [ ] ~` are backslash-escaped,
 * `&`, `<` and `>` become entities (no raw HTML gets through), `|` is escaped so it does not end the
 * cell, and line breaks become `<br>` (a cell is one line).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\\`*_[\]~|&<>]/g, (c) => HTML_ENTITIES[c] ?? '\\' + c))
    .join('<br>');
}

/**
 * One line of text as inline code in a Markdown table cell. A code span shows backslashes and
 * punctuation as they are; only `|` needs escaping there (GFM removes the backslash before the
 * cell's content is parsed). The fence is one backtick longer than any run of backticks inside.
 * A backslash right before a `|` would pair with the escape and end the cell, so such a line is
 * written as `<code>` with every character escaped instead.
 */
export function markdownCode(line: string): string {
  const flat = line.replace(/\r?\n/g, ' ');
  if (flat.includes('\\|')) return `<code>${escapeMarkdown(flat)}</code>`;
  const text = flat.replace(/\|/g, '\\|');
  if (text.trim() === '') return text === '' ? '` `' : '`' + text + '`';
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
