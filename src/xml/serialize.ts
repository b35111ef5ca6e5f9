import type { XmlDeclaration, XmlDocument, XmlElement, XmlNode } from './xml-tree.js';

export interface LayoutOptions {
  /** Line ending; ConfigMgr writes CRLF. */
  readonly eol?: '\r\n' | '\n';
  /** One level of indentation; ConfigMgr writes two spaces. */
  readonly indent?: string;
}

/** Elements ConfigMgr writes as an open/close pair even when empty (`<variable …></variable>`). */
const OPEN_CLOSE_WHEN_EMPTY = new Set(['variable', 'action', 'VALUE']);

/**
 * The canonical layout (what `tseq fmt` writes): indentation, line endings, attribute quoting and
 * escaping as ConfigMgr writes them. Only layout changes: text, attribute values, comments and the
 * order of children are written as they are. An element holding text (or CDATA) is written on one
 * line with its content untouched, since whitespace inside a value is part of the value.
 */
export function serializeElement(root: XmlElement, options: LayoutOptions = {}): string {
  const eol = options.eol ?? '\r\n';
  const indent = options.indent ?? '  ';
  const parts: string[] = [];
  const write = (node: XmlNode, depth: number, inline: boolean): void => {
    const pad = inline ? '' : eol + indent.repeat(depth);
    switch (node.type) {
      case 'text':
        parts.push(escapeText(node.value));
        return;
      case 'cdata':
        parts.push('<![CDATA[' + node.value.replace(/]]>/g, ']]]]><![CDATA[>') + ']]>');
        return;
      case 'comment':
        parts.push(pad, '<!--', node.value, '-->');
        return;
      case 'pi':
        parts.push(pad, '<?', node.target, node.body ? ' ' + node.body : '', '?>');
        return;
      case 'element': {
        parts.push(pad, '<', node.name);
        const list = node.attributes;
        for (let i = 0; i < list.length; i += 2) parts.push(' ', list[i]!, '="', escapeAttribute(list[i + 1]!), '"');
        if (node.children.length === 0) {
          parts.push(OPEN_CLOSE_WHEN_EMPTY.has(node.name) ? `></${node.name}>` : ' />');
          return;
        }
        parts.push('>');
        // Only whitespace beside an element child is layout (parse-tree.ts): an element holding text,
        // or no element at all (comments alone), is written on one line, or reading it back would
        // find the indentation in its value.
        const holdsText = node.children.some((c) => c.type === 'text' || c.type === 'cdata') || !node.children.some((c) => c.type === 'element');
        for (const c of node.children) write(c, depth + 1, holdsText || inline);
        if (!holdsText && !inline) parts.push(eol, indent.repeat(depth));
        parts.push('</', node.name, '>');
      }
    }
  };
  write(root, 0, false);
  // The first pad put a line ending before the root.
  return parts.join('').slice(eol.length);
}

export function serializeDocument(doc: XmlDocument, options: LayoutOptions & { readonly encoding?: string } = {}): string {
  const eol = options.eol ?? '\r\n';
  const lines: string[] = [];
  if (doc.declaration) lines.push(declarationText(doc.declaration, options.encoding));
  for (const n of doc.prolog) lines.push(serializeLoose(n));
  lines.push(serializeElement(doc.root, options));
  for (const n of doc.epilog) lines.push(serializeLoose(n));
  return lines.join(eol);
}

function serializeLoose(node: XmlNode): string {
  if (node.type === 'comment') return `<!--${node.value}-->`;
  if (node.type === 'pi') return `<?${node.target}${node.body ? ' ' + node.body : ''}?>`;
  return '';
}

/** The declaration as read, its encoding changed to the one written when it named another. */
function declarationText(d: XmlDeclaration, encoding: string | undefined): string {
  let s = `<?xml version="${d.version}"`;
  // Name the encoding written when the declaration named another, or named none on UTF-16 output.
  const differs = encoding !== undefined && (d.encoding !== undefined ? normaliseEncoding(d.encoding) !== normaliseEncoding(encoding) : normaliseEncoding(encoding) === 'utf16');
  const enc = differs ? encoding : d.encoding;
  if (enc !== undefined) s += ` encoding="${enc}"`;
  if (d.standalone !== undefined) s += ` standalone="${d.standalone}"`;
  return s + '?>';
}

function normaliseEncoding(e: string): string {
  const l = e.toLowerCase().replace(/[^a-z0-9]/g, '');
  return l.startsWith('utf16') ? 'utf16' : l;
}

export function escapeText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'));
}

export function escapeAttribute(s: string): string {
  return s.replace(/[&<>"\r\n\t]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case '\r':
        return '&#xD;';
      case '\n':
        return '&#xA;';
      default:
        return '&#x9;';
    }
  });
}
