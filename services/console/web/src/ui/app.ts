// The shell: path → page, query string → page state, in-app links without reloads.
import { disposeCharts } from './chart';
import { h, notice, replace } from './dom';
import { renderNetwork } from '../pages/network';

export interface PageContext {
  root: HTMLElement;
  search: string;
  params: Record<string, string>;
  /** Aborted when the user leaves the page: its pending requests and streams stop. */
  signal: AbortSignal;
  /** Replaces the query string (shareable state) and renders the page again. */
  setQuery(query: string): void;
}

type Page = (ctx: PageContext) => Promise<void> | void;

// The first page ships in the entry chunk; the others load when visited.
const ROUTES: Array<{ pattern: RegExp; title: string; load: () => Promise<Page> }> = [
  { pattern: /^\/(network)?$/, title: 'Network', load: async () => renderNetwork },
  { pattern: /^\/miners\/(?<ticker>[A-Z0-9.]{1,10})$/, title: 'Company', load: async () => (await import('../pages/company')).renderCompany },
  { pattern: /^\/miners$/, title: 'Miners', load: async () => (await import('../pages/miners')).renderMiners },
  { pattern: /^\/risk$/, title: 'Risk', load: async () => (await import('../pages/risk')).renderRisk },
  { pattern: /^\/alerts$/, title: 'Alerts', load: async () => (await import('../pages/alerts')).renderAlerts },
  { pattern: /^\/machines$/, title: 'Machines', load: async () => (await import('../pages/machines')).renderMachines },
];

let current: AbortController | undefined;

async function route(): Promise<void> {
  current?.abort();
  disposeCharts();
  const controller = new AbortController();
  current = controller;
  const root = document.getElementById('page')!;
  const { pathname, search } = window.location;
  const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(pathname) })).find((x) => x.m);
  document.querySelectorAll('nav a').forEach((a) => {
    const href = a.getAttribute('href')!;
    const active = pathname === href || pathname.startsWith(`${href}/`) || (pathname === '/' && href === '/network');
    if (active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  if (!match) {
    replace(root, h('h1', {}, 'Not found'), notice(`No page at ${pathname}.`, 'error'));
    return;
  }
  document.title = `${match.r.title} · hashdesk console`;
  root.dataset.page = match.r.title.toLowerCase();
  root.dataset.state = 'loading';
  try {
    const page = await match.r.load();
    const ctx: PageContext = {
      root, search, params: { ...(match.m!.groups ?? {}) }, signal: controller.signal,
      setQuery: (query) => navigate(`${pathname}${query}`, true),
    };
    await page(ctx);
    if (!controller.signal.aborted) root.dataset.state = 'ready';
  } catch (error) {
    if (controller.signal.aborted) return;
    root.dataset.state = 'error';
    root.append(notice(`This page could not load: ${(error as Error).message}`, 'error'));
  }
}

export function navigate(url: string, replaceEntry = false): void {
  if (replaceEntry) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  void route();
}

export function start(): void {
  document.addEventListener('click', (event) => {
    const anchor = (event.target as Element).closest('a[data-link]');
    if (!anchor || event.defaultPrevented || (event as MouseEvent).button !== 0 || (event as MouseEvent).metaKey || (event as MouseEvent).ctrlKey) return;
    event.preventDefault();
    navigate(anchor.getAttribute('href')!);
    document.getElementById('page')?.focus();
  });
  window.addEventListener('popstate', () => void route());
  void route();
}
