// The console's first meaningful paint against a running deployment (the main job's data: 2,555 days): Debian's
// chromium through playwright-core opens the Network page and reads the page's own marks (ms since navigation):
// `network:data` (the history parsed), `network:first-chart` (the hashprice chart built; it paints in the next
// frame, before the market chart is built). Two cases per run: a new browser context (cold HTTP and code cache,
// a first visit) and the same page reloaded (a returning desk). The browser's first contentful paint (the shell) is
// printed beside them.
//   node -r ./scripts/register.js bench/console-first-paint.bench.ts [http://127.0.0.1:3000] [runs=5]
// Issue #14's bar: under 1 s on this machine with the main job's data.
import { loadavg } from 'node:os';
import { chromium, type Page } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const BAR_MS = 1000;

interface Visit { dataMs: number; chartMs: number; fcpMs: number }

async function visit(page: Page, url: string): Promise<Visit> {
  await page.goto(url);
  await page.locator('[data-chart="network-hashprice"][data-ready="true"]').waitFor({ timeout: 30_000 });
  return page.evaluate(() => {
    const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    return { dataMs: mark('network:data'), chartMs: mark('network:first-chart'), fcpMs: mark('first-contentful-paint') };
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const show = (values: number[]) => values.map((v) => Math.round(v)).join(', ');

async function main(): Promise<void> {
  const base = process.argv[2] ?? 'http://127.0.0.1:3000';
  const runs = Number(process.argv[3] ?? 5);
  const health = await fetch(`${base}/api/valuation/v1/network/metrics?interval=1d&limit=1`).catch((error: Error) => error);
  if (health instanceof Error || !health.ok) {
    process.stderr.write(`console-first-paint: no console with data at ${base} (start it with: npm start)\n`);
    process.exit(1);
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const first: Visit[] = [];
  const returning: Visit[] = [];
  try {
    await (await browser.newPage()).goto('about:blank'); // the browser's own start-up is not the page's
    for (let i = 0; i < runs; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      const page = await context.newPage();
      first.push(await visit(page, `${base}/network`));
      returning.push(await visit(page, `${base}/network`));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  for (const [name, visits] of [['first visit', first], ['returning', returning]] as const) {
    process.stdout.write(`${name}: data parsed ${show(visits.map((v) => v.dataMs))} ms; hashprice chart built ${show(visits.map((v) => v.chartMs))} ms; shell painted ${show(visits.map((v) => v.fcpMs))} ms\n`);
  }
  process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const cold = median(first.map((v) => v.chartMs));
  const warm = median(returning.map((v) => v.chartMs));
  process.stdout.write(`console first paint: first visit median ${Math.round(cold)} ms (${(cold / BAR_MS).toFixed(2)}× the ${BAR_MS} ms bar), returning median ${Math.round(warm)} ms (${(warm / BAR_MS).toFixed(2)}×)\n`);
}

void main();
