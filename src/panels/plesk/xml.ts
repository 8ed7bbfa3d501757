/**
 * The small XML subset the Plesk XML API uses: elements, attributes, text, the five named entities and numeric
 * character references, comments, CDATA and the `<?xml?>` prolog. No DTDs, no namespaces. Shared by the Plesk
 * adapter and the fake Plesk server.
 */

/** A parsed element. `text` is its own text (children's text excluded), entities decoded. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A node to serialize: an element, or a string (text, escaped on output). */
export type XmlNode = { name: string; attrs?: Record<string, string>; children?: XmlNode[] } | string;

/** Builds an element node: `x('filter', x('name', 'example.com'))`. */
export function x(name: string, ...children: XmlNode[]): XmlNode {
  return { name, children };
}

/** Serializes nodes; text and attribute values are escaped, so caller strings can never inject markup. */
export function serializeXml(node: XmlNode): string {
  if (typeof node === 'string') return escapeXml(node);
  const attrs = Object.entries(node.attrs ?? {}).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  const children = node.children ?? [];
  if (children.length === 0) return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${children.map(serializeXml).join('')}</${node.name}>`;
}

/** A whole document with the XML declaration. */
export function xmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${serializeXml(root)}`;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const named = namedEntities[ref];
    if (named === undefined) throw new XmlSyntaxError(`unknown entity ${whole}`);
    return named;
  });
}

/** The body is not well-formed XML (for the subset above). */
export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

const namePattern = /^[A-Za-z_][\w.:-]*/;
const attrPattern = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/;

/**
 * Parses a document and returns its root element.
 * @throws XmlSyntaxError when the text is not well-formed.
 */
export function parseXml(source: string): XmlElement {
  let pos = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const appendText = (text: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
    else if (text.trim() !== '') throw new XmlSyntaxError(`text outside the root element at ${pos}`);
  };
  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    if (lt === -1) {
      appendText(decodeEntities(source.slice(pos)));
      break;
    }
    if (lt > pos) appendText(decodeEntities(source.slice(pos, lt)));
    pos = lt;
    if (source.startsWith('<?', pos)) {
      pos = skipPast(source, '?>', pos);
    } else if (source.startsWith('<!--', pos)) {
      pos = skipPast(source, '-->', pos);
    } else if (source.startsWith('<![CDATA[', pos)) {
      const end = source.indexOf(']]>', pos);
      if (end === -1) throw new XmlSyntaxError('unterminated CDATA section');
      appendText(source.slice(pos + 9, end));
      pos = end + 3;
    } else if (source.startsWith('<!', pos)) {
      throw new XmlSyntaxError('DTDs are not supported');
    } else if (source.startsWith('</', pos)) {
      const match = namePattern.exec(source.slice(pos + 2));
      const open = stack.pop();
      if (!match || !open || open.name !== match[0]) throw new XmlSyntaxError(`unexpected closing tag at ${pos}`);
      pos = skipPast(source, '>', pos + 2 + match[0].length, /^\s*>/);
      if (stack.length === 0) root = open;
    } else {
      const match = namePattern.exec(source.slice(pos + 1));
      if (!match) throw new XmlSyntaxError(`bad tag at ${pos}`);
      if (root) throw new XmlSyntaxError('more than one root element');
      const element: XmlElement = { name: match[0], attrs: {}, children: [], text: '' };
      pos += 1 + match[0].length;
      for (let attr = attrPattern.exec(source.slice(pos)); attr; attr = attrPattern.exec(source.slice(pos))) {
        element.attrs[attr[1]!] = decodeEntities(attr[3] ?? attr[4] ?? '');
        pos += attr[0].length;
      }
      const close = /^\s*(\/?)>/.exec(source.slice(pos));
      if (!close) throw new XmlSyntaxError(`bad tag <${element.name}> at ${pos}`);
      pos += close[0].length;
      stack[stack.length - 1]?.children.push(element);
      if (close[1] === '/') {
        if (stack.length === 0) root = element;
      } else {
        stack.push(element);
      }
    }
  }
  if (stack.length > 0 || !root) throw new XmlSyntaxError(stack.length > 0 ? `unclosed <${stack[stack.length - 1]!.name}>` : 'no root element');
  return root;
}

function skipPast(source: string, terminator: string, from: number, mustMatch?: RegExp): number {
  if (mustMatch) {
    const m = mustMatch.exec(source.slice(from));
    if (!m) throw new XmlSyntaxError(`expected ${terminator} at ${from}`);
    return from + m[0].length;
  }
  const end = source.indexOf(terminator, from);
  if (end === -1) throw new XmlSyntaxError(`missing ${terminator}`);
  return end + terminator.length;
}

/** The first child element called `name`, following a `/`-separated path: `child(packet, 'webspace/get/result')`. */
export function child(el: XmlElement | undefined, path: string): XmlElement | undefined {
  let current = el;
  for (const part of path.split('/')) current = current?.children.find((c) => c.name === part);
  return current;
}

/** Every child element called `name` (one level). */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** The trimmed text of the element at `path` below `el`, or undefined. */
export function textAt(el: XmlElement | undefined, path: string): string | undefined {
  return child(el, path)?.text.trim();
}
