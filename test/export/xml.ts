// A small XML well-formedness checker for the tests: it throws on anything that is not well-formed
// XML 1.0 with namespaces (unclosed or crossed tags, bad names, duplicate attributes, `<` or a bare
// `&` in a value, unknown entities, characters XML cannot hold, undeclared prefixes, more than one
// root, a DOCTYPE), and returns the element tree with attributes and text decoded.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** The namespace URI of the element's prefix (or the default namespace). */
  namespace: string | undefined;
}

const NAME =
  /^[A-Za-z_\u00c0-\ufffd][A-Za-z0-9._\-\u00b7\u00c0-\ufffd]*(:[A-Za-z_\u00c0-\ufffd][A-Za-z0-9._\-\u00b7\u00c0-\ufffd]*)?$/u;
const BAD_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (BAD_CHAR.test(raw)) throw new Error(`${where}: a character XML cannot hold`);
  return raw.replace(/&([^;&<\s]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new Error(`${where}: a bare "&"`);
    let code: number | undefined;
    if (/^#x[0-9A-Fa-f]+$/.test(body)) code = Number.parseInt(body.slice(2), 16);
    else if (/^#[0-9]+$/.test(body)) code = Number(body.slice(1));
    else if (body in ENTITIES) return ENTITIES[body];
    else throw new Error(`${where}: unknown entity "&${body};"`);
    const char = String.fromCodePoint(code);
    if (BAD_CHAR.test(char))
      throw new Error(`${where}: a reference to a character XML cannot hold`);
    return char;
  });
}

/** Parses a document, or throws saying what is wrong and where. */
export function parseXml(text: string): XmlElement {
  let at = 0;
  const fail = (message: string): never => {
    throw new Error(`offset ${at}: ${message}`);
  };
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end < 0) fail('unclosed XML declaration');
    at = end + 2;
  }
  const stack: { element: XmlElement; scope: Map<string, string> }[] = [];
  let root: XmlElement | undefined;
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    const chunk = lt < 0 ? text.slice(at) : text.slice(at, lt);
    if (chunk) {
      if (chunk.includes(']]>')) fail('"]]>" in text');
      const decoded = decode(chunk, `text at ${at}`);
      if (stack.length === 0) {
        if (decoded.trim()) fail('text outside the root element');
      } else stack[stack.length - 1].element.text += decoded;
    }
    if (lt < 0) break;
    at = lt;
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) fail('unclosed comment');
      if (text.slice(at + 4, end).includes('--')) fail('"--" inside a comment');
      at = end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', at)) {
      const end = text.indexOf(']]>', at);
      if (end < 0 || stack.length === 0) fail('bad CDATA section');
      stack[stack.length - 1].element.text += text.slice(at + 9, end);
      at = end + 3;
      continue;
    }
    if (text.startsWith('<!', at)) fail('a DOCTYPE or declaration');
    if (text.startsWith('<?', at)) {
      const end = text.indexOf('?>', at);
      if (end < 0) fail('unclosed processing instruction');
      at = end + 2;
      continue;
    }
    if (text.startsWith('</', at)) {
      const end = text.indexOf('>', at);
      if (end < 0) fail('unclosed end tag');
      const name = text.slice(at + 2, end).trim();
      const open = stack.pop();
      if (!open || open.element.name !== name)
        fail(`end tag </${name}> does not close <${open?.element.name ?? '(nothing)'}>`);
      at = end + 1;
      continue;
    }
    // A start tag.
    const match = /^<([^\s/>]+)/.exec(text.slice(at));
    if (!match) fail('a "<" that starts no tag');
    const name = match?.[1] ?? '';
    if (!NAME.test(name)) fail(`bad element name "${name}"`);
    at += 1 + name.length;
    const attributes: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      const space = /^\s*/.exec(text.slice(at))?.[0] ?? '';
      at += space.length;
      if (text.startsWith('/>', at)) {
        selfClosing = true;
        at += 2;
        break;
      }
      if (text.startsWith('>', at)) {
        at += 1;
        break;
      }
      if (!space) fail('attributes must be separated by whitespace');
      const attribute = /^([^\s=/>]+)\s*=\s*(["'])/.exec(text.slice(at));
      if (!attribute) fail(`bad attribute in <${name}>`);
      const [whole, key, quote] = attribute ?? ['', '', '"'];
      if (!NAME.test(key)) fail(`bad attribute name "${key}"`);
      if (key in attributes) fail(`duplicate attribute "${key}"`);
      at += whole.length;
      const end = text.indexOf(quote, at);
      if (end < 0) fail('unclosed attribute value');
      const raw = text.slice(at, end);
      if (raw.includes('<')) fail(`"<" in the value of "${key}"`);
      // Attribute-value normalisation: literal whitespace becomes spaces.
      attributes[key] = decode(raw.replace(/[\t\n\r]/g, ' '), `attribute ${key}`);
      at = end + 1;
    }
    const parentScope = stack.length ? stack[stack.length - 1].scope : new Map<string, string>();
    const scope = new Map(parentScope);
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'xmlns') scope.set('', value);
      else if (key.startsWith('xmlns:')) scope.set(key.slice(6), value);
    }
    const prefixOf = (qname: string) => (qname.includes(':') ? qname.split(':')[0] : '');
    for (const qname of [name, ...Object.keys(attributes)]) {
      const prefix = prefixOf(qname);
      if (prefix && prefix !== 'xmlns' && prefix !== 'xml' && !scope.has(prefix))
        fail(`undeclared namespace prefix "${prefix}"`);
    }
    const element: XmlElement = {
      name,
      attributes,
      children: [],
      text: '',
      namespace: scope.get(prefixOf(name)),
    };
    if (stack.length) stack[stack.length - 1].element.children.push(element);
    else if (root) fail('a second root element');
    else root = element;
    if (!selfClosing) stack.push({ element, scope });
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1].element.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element of a tree, depth first, the root included. */
export function allElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (element: XmlElement) => {
    out.push(element);
    for (const child of element.children) walk(child);
  };
  walk(root);
  return out;
}
