// A few lines instead of a framework: elements are built with textContent, never innerHTML, so text from
// the sheet cannot become markup.
export type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | number | ((event: Event) => void) | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, ''), value);
    else if (key === 'class') el.className = String(value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A link only when it is http(s) or mailto: a `javascript:` URL from the sheet is shown as text. */
export function safeLink(href: string, label: string): HTMLElement {
  // A mailto link carries the address alone: "?bcc=" or "&subject=" typed in a cell stays text.
  return /^https?:/i.test(href.trim()) || /^mailto:[^?&\s]+$/i.test(href.trim())
    ? h('a', { href: href.trim(), target: '_blank', rel: 'noopener noreferrer' }, label)
    : h('span', {}, label);
}

let uid = 0;
export function nextId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}
