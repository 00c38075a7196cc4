// A few DOM helpers: pages build plain elements, no framework.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Element, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/** A progress state that stands in for a section until its data arrives: never a blank area. */
export function loading(what: string): HTMLElement {
  return h('div', { class: 'loading', role: 'status', 'aria-live': 'polite' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), `Loading ${what}…`);
}

export function notice(text: string, kind: 'info' | 'error' = 'info'): HTMLElement {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'note' }, text);
}

/** A section with a heading and a body that starts as a progress state. */
export function section(title: string, id: string): { element: HTMLElement; body: HTMLElement } {
  const body = h('div', { class: 'section-body' }, loading(title.toLowerCase()));
  const element = h('section', { class: 'panel', 'aria-labelledby': `${id}-title`, 'data-section': id }, h('h2', { id: `${id}-title` }, title), body);
  return { element, body };
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function link(href: string, text: string): HTMLAnchorElement {
  return h('a', { href, 'data-link': 'true' }, text);
}

export function externalLink(href: string, text = href): HTMLAnchorElement {
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text);
}

export function download(name: string, href: string): void {
  const anchor = h('a', { href, download: name });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/** A plain table; `cells` are already formatted. */
export function table(caption: string, headers: string[], rows: Child[][], attrs: Attrs = {}): HTMLTableElement {
  return h('table', attrs,
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))));
}
