// Writing XML safely: escaped text and attributes, names that are valid NCNames, JSON that XML
// can hold.

/** Characters XML 1.0 cannot hold at all, not even as character references. */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text content: `&`, `<` and `>` escaped; characters XML cannot hold become U+FFFD. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** An attribute value for double quotes; tabs and line breaks kept as character references. */
export function xmlAttr(text: string): string {
  return xmlText(text)
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;');
}

/**
 * JSON that XML can hold: JSON.stringify leaves U+FFFE, U+FFFF (and, before ES2019, lone
 * surrogates) as they are; outside ASCII they can only sit inside JSON strings, so writing them
 * as `\uXXXX` escapes keeps the JSON the same.
 */
export function xmlSafeJson(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(NOT_XML, (char) =>
    [...char].map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  );
}

function isNameStart(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f ||
    (code >= 0xc0 && code <= 0xd6) ||
    (code >= 0xd8 && code <= 0xf6) ||
    (code >= 0xf8 && code <= 0x2ff) ||
    (code >= 0x370 && code <= 0x37d) ||
    (code >= 0x37f && code <= 0x1fff) ||
    (code >= 0x200c && code <= 0x200d) ||
    (code >= 0x2070 && code <= 0x218f) ||
    (code >= 0x2c00 && code <= 0x2fef) ||
    (code >= 0x3001 && code <= 0xd7ff) ||
    (code >= 0xf900 && code <= 0xfdcf) ||
    (code >= 0xfdf0 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0xeffff)
  );
}

function isNameChar(code: number): boolean {
  return (
    isNameStart(code) ||
    code === 0x2d ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0xb7 ||
    (code >= 0x300 && code <= 0x36f) ||
    (code >= 0x203f && code <= 0x2040)
  );
}

/**
 * An NCName made from any text, without dots: every character an NCName cannot hold (and `.`)
 * becomes `_`, and a name that cannot start as it is gets a leading `_`.
 */
export function ncName(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += isNameChar(code) ? char : '_';
  }
  if (!out || !isNameStart(out.codePointAt(0) ?? 0)) out = `_${out}`;
  return out;
}

/** Whether a text is an NCName (an XML name without a colon). */
export function isNcName(text: string): boolean {
  if (!text) return false;
  let first = true;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (first ? !isNameStart(code) : !isNameChar(code) && code !== 0x2e) return false;
    first = false;
  }
  return true;
}

/** Whether a text is an NMTOKEN (name characters only, `.` and `:` included, any first one). */
export function isNmToken(text: string): boolean {
  if (!text) return false;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (!isNameChar(code) && code !== 0x2e && code !== 0x3a) return false;
  }
  return true;
}

/** An element with attributes (undefined ones left out) and children, indented. */
export function element(
  name: string,
  attributes: Record<string, string | undefined>,
  children: string[],
  indent: string,
): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${xmlAttr(value)}"`)
    .join('');
  if (children.length === 0) return `${indent}<${name}${attrs}/>`;
  return `${indent}<${name}${attrs}>\n${children.join('\n')}\n${indent}</${name}>`;
}
