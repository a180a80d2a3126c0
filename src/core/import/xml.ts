// Reading XML into a small element tree with line numbers. Strict (saxes): not well-formed XML is
// an error with its line; a DOCTYPE is refused, and with it every entity declaration, so that no
// document can expand entities or reach outside itself.

import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ImportError } from './errors';

export interface XmlAttribute {
  /** As written, with its prefix. */
  name: string;
  local: string;
  /** The namespace URI; '' for an attribute without a prefix. */
  uri: string;
  value: string;
}

export interface XmlElement {
  /** As written, with its prefix (`sc:state`). */
  name: string;
  local: string;
  /** The namespace URI; '' when the element is in no namespace. */
  uri: string;
  /** Attributes in no namespace, by name. */
  attributes: Record<string, string>;
  /** Attributes with a namespace prefix (other than xmlns declarations). */
  foreignAttributes: XmlAttribute[];
  children: XmlElement[];
  /** The text directly inside (text and CDATA), joined. */
  text: string;
  line: number;
  column: number;
}

/** Parses a whole XML document into its root element. Throws ImportError with the line. */
export function parseXml(text: string): XmlElement {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let start = { line: 1, column: 1 };

  parser.on('error', (error) => {
    const message = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    throw new ImportError(`not well-formed XML: ${message}`, {
      line: parser.line,
      column: parser.column,
    });
  });
  parser.on('doctype', () => {
    const at = text.slice(0, parser.position).search(/<!DOCTYPE/i);
    const line = at < 0 ? parser.line : text.slice(0, at).split('\n').length;
    throw new ImportError(
      'the document has a DOCTYPE: XML with a DOCTYPE or entity declarations is refused (entities can expand without bound or read files); remove the DOCTYPE',
      { line },
    );
  });
  parser.on('opentagstart', () => {
    start = { line: parser.line, column: Math.max(1, parser.column - 1) };
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attributes: Record<string, string> = {};
    const foreignAttributes: XmlAttribute[] = [];
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
      if (attribute.uri) foreignAttributes.push({ ...attribute });
      else attributes[attribute.local] = attribute.value;
    }
    const element: XmlElement = {
      name: tag.name,
      local: tag.local,
      uri: tag.uri,
      attributes,
      foreignAttributes,
      children: [],
      text: '',
      line: start.line,
      column: start.column,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (chunk: string) => {
    const current = stack[stack.length - 1];
    if (current) current.text += chunk;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  parser.write(text).close();
  if (!root) throw new ImportError('not XML: the document has no root element', { line: 1 });
  return root;
}
