// JSON objects keep their keys in the order written, except that JavaScript puts integer-like keys
// ("30000", an `after` delay) first. To write a file back byte for byte, the order of such objects
// is read from the text and remembered beside the object.

const INTEGER_KEY = /"(?:0|[1-9]\d*)"\s*:/;

/** Objects whose key order differs from what JavaScript iterates, with the order as written. */
const writtenOrder = new WeakMap<object, string[]>();

/** Parses JSON text, remembering the written key order of objects JavaScript would reorder. */
export function parseKeepingKeyOrder(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (!INTEGER_KEY.test(text)) return value;
  recordOrder(text, value);
  return value;
}

/** Walks the text and the parsed value together, recording written key orders. */
function recordOrder(text: string, root: unknown): void {
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const readString = (): string => {
    const start = ++i; // after the opening quote
    let escaped = false;
    while (text.charCodeAt(i) !== 34) {
      if (text.charCodeAt(i) === 92) {
        escaped = true;
        i++;
      }
      i++;
    }
    i++;
    return escaped ? (JSON.parse(text.slice(start - 1, i)) as string) : text.slice(start, i - 1);
  };
  const walk = (value: unknown): void => {
    skipSpace();
    const char = text[i];
    if (char === '{') {
      i++;
      const keys: string[] = [];
      const object = value as Record<string, unknown>;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        const key = readString();
        keys.push(key);
        skipSpace();
        i++; // colon
        walk(object[key]);
        skipSpace();
        if (text[i++] === '}') break;
      }
      const natural = Object.keys(object);
      if (natural.some((k, index) => k !== keys[index])) writtenOrder.set(object, keys);
    } else if (char === '[') {
      i++;
      const array = value as unknown[];
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        walk(array[index]);
        skipSpace();
        if (text[i++] === ']') break;
      }
    } else if (char === '"') readString();
    else while (i < text.length && !',]} \t\n\r'.includes(text[i])) i++;
  };
  walk(root);
}

/**
 * The text JSON.stringify(value, null, 2) gives, except that objects read by parseKeepingKeyOrder
 * write their keys in the order they were read.
 */
export function stringifyKeepingKeyOrder(value: unknown): string {
  return write(value, '') ?? 'null';
}

function write(value: unknown, indent: string): string | undefined {
  if (value === null || typeof value !== 'object') {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol')
      return undefined;
    return JSON.stringify(value);
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${write(item, inner) ?? 'null'}`).join(',\n')}\n${indent}]`;
  }
  const object = value as Record<string, unknown>;
  const order = writtenOrder.get(object);
  const keys = order
    ? [
        ...order.filter((k) => Object.hasOwn(object, k)),
        ...Object.keys(object).filter((k) => !order.includes(k)),
      ]
    : Object.keys(object);
  const parts: string[] = [];
  for (const key of keys) {
    const text = write(object[key], inner);
    if (text !== undefined) parts.push(`${inner}${JSON.stringify(key)}: ${text}`);
  }
  return parts.length === 0 ? '{}' : `{\n${parts.join(',\n')}\n${indent}}`;
}
