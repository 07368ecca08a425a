/**
 * A small strict XML 1.0 well-formedness check for the JUnit tests (no XML
 * dependency, no xmllint on every machine): one root element, properly nested
 * and matching tags, quoted and unique attributes, no '<' or unescaped '&' in
 * text or attribute values, only the five predefined entities and character
 * references, only characters XML allows. Throws on the first violation, with
 * its offset; returns the element tree for queries.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Decoded character data directly inside this element. */
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function parseXml(src: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`not well-formed XML at offset ${i}: ${what} (near ${JSON.stringify(src.slice(i, i + 40))})`);
  };
  const m = FORBIDDEN.exec(src);
  if (m !== null) {
    i = m.index;
    fail('character not allowed in XML');
  }
  const skipWs = (): void => {
    while (i < src.length && ' \t\r\n'.includes(src[i]!)) i++;
  };
  const decode = (raw: string, where: string): string =>
    raw.replace(/&([^;]*);|&/g, (all, ref: string | undefined) => {
      if (ref === undefined) return fail(`bare & in ${where}`);
      if (ref in ENTITIES) return ENTITIES[ref]!;
      const num = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
      if (num === null) return fail(`unknown entity &${ref}; in ${where}`);
      const code = num[1] !== undefined ? parseInt(num[1], 16) : Number(num[2]);
      if (code === 0 || code > 0x10ffff) return fail(`bad character reference ${all}`);
      return String.fromCodePoint(code);
    });
  const name = (): string => {
    const n = NAME.exec(src.slice(i));
    if (n === null) return fail('expected a name');
    i += n[0].length;
    return n[0];
  };

  if (src.startsWith('<?xml')) {
    const end = src.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  skipWs();

  const element = (): XmlElement => {
    if (src[i] !== '<') fail('expected <');
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipWs();
      if (src.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('expected whitespace before an attribute');
      const a = name();
      if (a in el.attrs) fail(`duplicate attribute ${a}`);
      skipWs();
      if (src[i] !== '=') fail('expected =');
      i++;
      skipWs();
      const q = src[i];
      if (q !== '"' && q !== "'") fail('attribute value not quoted');
      const end = src.indexOf(q!, i + 1);
      if (end < 0) fail('unterminated attribute value');
      const raw = src.slice(i + 1, end);
      if (raw.includes('<')) fail('< in an attribute value');
      el.attrs[a] = decode(raw, `attribute ${a}`);
      i = end + 1;
    }
    for (;;) {
      const lt = src.indexOf('<', i);
      if (lt < 0) fail(`unclosed <${el.name}>`);
      const raw = src.slice(i, lt);
      if (raw.includes(']]>')) fail(']]> in text');
      el.text += decode(raw, `<${el.name}> text`);
      i = lt;
      if (src.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipWs();
        if (src[i] !== '>') fail('expected > after the closing tag');
        i++;
        return el;
      }
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
        continue;
      }
      if (src.startsWith('<![CDATA[', i)) {
        const end = src.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        el.text += src.slice(i + 9, end);
        i = end + 3;
        continue;
      }
      el.children.push(element());
    }
  };

  const root = element();
  skipWs();
  if (i !== src.length) fail('content after the root element');
  return root;
}

/** Every descendant element with this name, in document order. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    out.push(...findAll(c, name));
  }
  return out;
}
