/**
 * The XML the Plesk XML API speaks, through `fast-xml-parser`: building request packets from plain objects (text
 * and attribute values escaped, so a caller's string can never inject markup) and reading reply packets into
 * elements with a few path helpers. Shared by the Plesk adapter and the fake Plesk server.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { XmlSyntaxError } from '../panel-errors.js';

/**
 * What `buildXml` takes: an element's content is a string (its text; `''` makes an empty element), an object (its
 * children in insertion order, which Plesk requires to follow the schema; keys starting with `@_` are attributes)
 * or an array (the element repeated).
 */
export type XmlContent = string | XmlObject | XmlContent[];
export interface XmlObject {
  [name: string]: XmlContent;
}

/** A parsed element: its name, attributes, child elements in document order by name, and its own text. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  /** Child elements in document order. */
  children: XmlElement[];
  /** The element's own text (child elements' text excluded), entities decoded. */
  text: string;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  processEntities: true,
});

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value a string: plan ids like "07" and GUIDs must not turn into numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Document order across different child names, which the plain object form loses.
  preserveOrder: true,
  htmlEntities: true,
  processEntities: true,
});

/** Serializes one root element with the XML declaration: `buildXml('packet', { '@_version': '1.6.3.4', webspace: … })`. */
export function buildXml(rootName: string, content: XmlContent): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [rootName]: content })}`;
}

/**
 * Parses a document and returns its root element.
 * @throws XmlSyntaxError when the text is not well-formed, has more than one root, or carries a DTD (Plesk never
 * sends one, and entity declarations are how XML bombs work).
 */
export function parseXml(source: string): XmlElement {
  if (/<!DOCTYPE/i.test(source)) throw new XmlSyntaxError('DTDs are not accepted');
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new XmlSyntaxError(`${valid.err.msg} (line ${valid.err.line})`);
  const roots = toElements(parser.parse(source) as OrderedNode[]);
  if (roots.length !== 1)
    throw new XmlSyntaxError(roots.length === 0 ? 'no root element' : 'more than one root element');
  return roots[0];
}

/** fast-xml-parser's `preserveOrder` shape: `[{ name: [children…], ':@': { '@_attr': v } }, { '#text': t }]`. */
type OrderedNode = Record<string, unknown>;

function toElements(nodes: OrderedNode[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
    if (name === undefined) continue;
    const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(rawAttrs)) attrs[k.replace(/^@_/, '')] = String(v);
    const content = (node[name] ?? []) as OrderedNode[];
    const text = content.map((c) => ('#text' in c ? String(c['#text']) : '')).join('');
    out.push({ name, attrs, children: toElements(content), text });
  }
  return out;
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
