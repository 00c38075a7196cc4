import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { eventually } from '@hashdesk/testing';
import { ADMIN_API_KEY, ConsoleStack, SEED_TICKERS } from './console-stack';

/**
 * The console in Debian's chromium against the real stack (four services as processes, the real broker,
 * PostgreSQL and Redis), seeded through ingest with the shipped company histories and every 14th day of
 * the bundled network history. Screenshots go to test-output/console/ (Network and Miners also to docs/images/).
 */
const ROOT = resolve(__dirname, '../../../..');
const SHOTS = join(ROOT, 'test-output', 'console');
const run = promisify(execFile);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('console in the browser, on the real stack', () => {
  const stack = new ConsoleStack();
  let seeded: { days: string[]; heights: number[] };
  let consoleUrl = '';
  let bundle: { firstPageGzipKb: number; scripts: Array<{ file: string }> };
  let context: BrowserContext;
  let page: Page;
  const profileDir = mkdtempSync(join(tmpdir(), 'hashdesk-console-chromium-'));

  const api = async (path: string): Promise<Json> => (await fetch(`${consoleUrl}/api/${path}`)).json() as Promise<Json>;
  const chart = async (id: string) => {
    const handle = page.locator(`[data-chart="${id}"][data-ready="true"]`);
    await handle.waitFor({ timeout: 15_000 });
    const [series, points] = await Promise.all([handle.getAttribute('data-series'), handle.getAttribute('data-points')]);
    return { series: Number(series), points: (points ?? '').split(',').filter(Boolean).map(Number) };
  };
  const ready = () => page.locator('#page[data-state="ready"]').waitFor({ timeout: 20_000 });
  const shoot = async (name: string, docsName?: string) => {
    const file = join(SHOTS, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    if (docsName) copyFileSync(file, join(ROOT, 'docs', 'images', docsName));
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
    // The app build and the stack start side by side.
    const build = run(process.execPath, ['services/console/scripts/build-web.js', '--json'], { cwd: ROOT });
    await stack.start();
    seeded = await stack.seed('2019-01-01', 14);
    await stack.waitForCatchUp(seeded.days.at(-1)!, 120_000);
    bundle = JSON.parse((await build).stdout) as typeof bundle;
    // The console forwards the operator key: the Monte Carlo run needs risk:write.
    const service = await stack.startConsole({ CONSOLE_API_KEY: ADMIN_API_KEY, CONSOLE_SUBSCRIBER_KEY_FILE: join(profileDir, 'console-subscriber-key') });
    consoleUrl = service.url;
    context = await chromium.launchPersistentContext(join(profileDir, 'chromium'), {
      executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: { width: 1360, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await stack.stop();
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('ships at most 350 kB of JavaScript gzip for the first page, from the console itself (no CDN)', async () => {
    expect(bundle.firstPageGzipKb).toBeGreaterThan(50); // ECharts is in it: a broken build would be tiny
    expect(bundle.firstPageGzipKb).toBeLessThanOrEqual(350);
    await page.goto(`${consoleUrl}/network`);
    const scripts = await page.locator('script[src]').evaluateAll((nodes) => nodes.map((n) => (n as unknown as { src: string }).src));
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect(src.startsWith(consoleUrl)).toBe(true);
    process.stdout.write(`console e2e: first page ${bundle.firstPageGzipKb} kB gzip (${bundle.scripts.map((s) => s.file).join(', ')})\n`);
  });

  it('Network: hashprice in USD and BTC with the projected retarget, and the three linked market series with retargets marked', async () => {
    const started = Date.now();
    await page.goto(`${consoleUrl}/network`);
    const hashprice = await chart('network-hashprice');
    const firstPaintMs = Date.now() - started;
    const days = seeded.days.length;
    expect(hashprice.series).toBe(3); // USD, BTC, and the segment to the projected next retarget
    expect(hashprice.points).toEqual([days, days, 2]);
    const market = await chart('network-market');
    // Retargets are marked where the served figures' heights cross a 2016-block boundary. The figures'
    // heights can differ from the seeded ones by arrival order (a price first paired with an older
    // snapshot), so the expectation is taken from what valuation serves, as the page is.
    const served = (await (await fetch(`${stack.url('valuation')}/v1/network/metrics?interval=1d&limit=5000&from=2019-01-01T00:00:00Z`)).json()) as { items: Array<{ asOf: string; height: number | null }> };
    const heights = served.items.sort((a, b) => Date.parse(a.asOf) - Date.parse(b.asOf)).map((r) => r.height);
    const retargets = heights.filter((h, i) => i > 0 && h !== null && heights[i - 1] !== null && Math.floor(h / 2016) > Math.floor((heights[i - 1] as number) / 2016)).length;
    expect(Math.abs(retargets - seeded.heights.filter((h, i) => i > 0 && Math.floor(h / 2016) > Math.floor(seeded.heights[i - 1] / 2016)).length)).toBeLessThanOrEqual(2);
    expect(market.series).toBe(4);
    expect(market.points).toEqual([days, days, retargets, days]);
    await expect(page.locator('.card', { hasText: 'Next retarget' }).textContent()).resolves.toMatch(/at \d{3},\d{3}/);
    await shoot('network', 'console-network.png');
    // The scale is page state in the URL.
    await page.selectOption('#network-scale', 'linear');
    await page.waitForURL(/scale=linear/);
    await ready();
    await expect(page.locator('#network-scale').inputValue()).resolves.toBe('linear');
    process.stdout.write(`console e2e: Network first chart drawn ${firstPaintMs} ms after navigation\n`);
  });

  it('Miners: the comparables table, its as-of picker, and the cost vs EV/EH scatter', async () => {
    await page.goto(`${consoleUrl}/miners`);
    await ready();
    const latestRows = page.locator('#comparables tbody tr');
    await expect(latestRows.count()).resolves.toBe(SEED_TICKERS.length);
    const latestAsOf = await page.locator('#comparables tbody td:nth-child(3)').allTextContents();
    expect(new Set(latestAsOf)).toEqual(new Set([seeded.days.at(-1)]));
    const comparables = (await api('valuation/v1/comparables')).items as Json[];
    const expectedPoints = comparables.filter((c) => typeof c.evPerOperatingEhUsd === 'number' && typeof c.powerCostPerBtcUsd === 'number' && typeof c.hashrateAtWorkEhs === 'number').length;
    const scatter = await chart('miners-scatter');
    expect(scatter.series).toBe(1);
    // No seeded company has an all-in cost, so the page falls back to the power cost and says so.
    expect(scatter.points).toEqual([expectedPoints]);
    await shoot('miners', 'console-miners.png');

    await page.fill('#miners-as-of', '2023-06-30');
    await page.locator('#miners-as-of').dispatchEvent('change');
    await page.waitForURL(/asOf=2023-06-30/);
    await page.locator('#comparables[data-as-of="2023-06-30T23:59:59Z"]').waitFor();
    const pastAsOf = await page.locator('#comparables tbody td:nth-child(3)').allTextContents();
    expect(pastAsOf.length).toBeGreaterThan(0);
    for (const day of pastAsOf) expect(day <= '2023-06-30').toBe(true);
    // Sorting is state too: by ticker, ascending.
    await page.getByRole('button', { name: /^Ticker/ }).click();
    await page.waitForURL(/sort=ticker/);
    await page.locator('#comparables').waitFor();
  });

  it('a company page: costs against the BTC price and reported cost, fleet, contracts timeline and lineage', async () => {
    await page.goto(`${consoleUrl}/miners/MARA`);
    await ready();
    const history = (await api('valuation/v1/companies/MARA/valuations?limit=5000')).items as Json[];
    const definitions = ['allInCostPerBtcUsd', 'totalCostPerBtcUsd', 'cashCostPerBtcUsd', 'directCostPerBtcUsd', 'powerCostPerBtcUsd'].filter((k) => history.some((r) => typeof r[k] === 'number'));
    const costs = await chart('company-costs');
    expect(costs.series).toBe(definitions.length + 2); // each known definition, the BTC price, the reported cost
    expect(costs.points[definitions.length]).toBe(history.filter((r) => typeof r.btcPriceUsd === 'number').length);
    const figures = (await api('valuation/v1/companies/MARA/figures?versions=latest&limit=5000')).items as Json[];
    const days = (field: string) => new Set(figures.filter((r) => r.field === field && typeof r.value === 'number').map((r) => (/^\d{4}-\d{2}-\d{2}$/.test(r.asOf ?? '') ? r.asOf : r.periodEnd))).size;
    const fleet = await chart('company-fleet');
    expect(fleet.series).toBe(3);
    expect(fleet.points[0]).toBe(history.filter((r) => typeof r.hashrateAtWorkEhs === 'number').length);
    expect(fleet.points[1]).toBeGreaterThan(0);
    // The balance sheet over time: one series per level, one point per day a value is on file (its own day, else its period end).
    expect(fleet.points[2]).toBe(days('fleet.efficiencyJth'));
    expect(fleet.points[2]).toBeGreaterThan(0);
    const balance = await chart('company-balance');
    expect(balance.series).toBe(5);
    expect(balance.points).toEqual(['cashUsd', 'restrictedCashUsd', 'totalDebtUsd', 'convertibleNotesUsd', 'btcHeld'].map((f) => days(`balanceSheet.${f}`)));
    expect(balance.points[0]).toBeGreaterThan(1);
    await chart('company-timeline');
    // Every known figure of the newest period, each with its source.
    const newestPeriod = figures.map((r) => r.periodEnd as string).sort().at(-1);
    const known = figures.filter((r) => r.periodEnd === newestPeriod && r.value !== null && !/\]$/.test(r.field));
    await expect(page.locator('[data-testid="figure-lineage"] tbody tr').count()).resolves.toBe(known.length);
    await expect(page.locator('[data-section="company-lineage"] a[href^="https://"]').count()).resolves.toBeGreaterThan(0);
    await shoot('company-mara');
  });

  it('Risk: standing scenarios, both grids as heat maps, stop lines, and the Monte Carlo answer on request', async () => {
    await page.goto(`${consoleUrl}/risk?ticker=RIOT`);
    await ready();
    await expect(page.locator('#risk-scenarios-table tbody tr').count()).resolves.toBe(14); // the base case and 13 standing scenarios
    // The auto metric: the first of all-in, direct and power margin with a known cell (the shipped RIOT profile has no opex, but has its fleet).
    const kinds = ['btc-x-power', 'btc-x-difficulty'];
    let metric = '';
    let knownCells = 0;
    for (const candidate of ['allInMarginRatio', 'directMarginRatio', 'powerMarginRatio']) {
      metric = candidate;
      const grids = await Promise.all(kinds.map((kind) => api(`risk/v1/risk/companies/RIOT/grid?kind=${kind}&metric=${candidate}`)));
      knownCells = grids.flatMap((g) => (g.cells as Array<Array<number | null>>).flat()).filter((c) => c !== null).length;
      if (knownCells > 0) break;
    }
    expect(knownCells).toBeGreaterThan(0); // the heat maps show numbers, not an empty grid
    for (const kind of kinds) {
      const grid = await api(`risk/v1/risk/companies/RIOT/grid?kind=${kind}&metric=${metric}`);
      const heat = await chart(`risk-${kind}`);
      expect(heat).toEqual({ series: 1, points: [grid.rowAxis.values.length * grid.columnAxis.values.length] });
    }
    await expect(page.locator('[data-section="risk-grids"]').textContent()).resolves.toContain(`RIOT: ${metric},`);
    await page.click('#risk-run-monte-carlo');
    // The fan chart, or risk's refusal named on the page (the shipped profiles lack a power price: see the README).
    await page.locator('[data-chart="risk-fan"][data-ready="true"], [data-section="risk-fan"] .notice.error').first().waitFor({ timeout: 60_000 });
    await shoot('risk');
  });

  it('Machines: the break-even table by power price', async () => {
    await page.goto(`${consoleUrl}/machines`);
    await ready();
    const table = await api('valuation/v1/machines/breakeven');
    const machines = await chart('machines-breakeven');
    expect(machines).toEqual({ series: 1, points: [table.rows.length] });
    await expect(page.locator('#machines-breakeven-table tbody tr').count()).resolves.toBe(table.rows.length);
    await page.fill('#machines-power', '0.045');
    await page.click('#machines-power ~ button, form button[type="submit"]');
    await page.waitForURL(/power=0.045/);
    await ready();
    await expect(page.locator('#machines-breakeven-table thead').textContent()).resolves.toContain('$0.045/kWh');
    await shoot('machines');
  });

  it('Alerts: an alert raised through ingest appears in the live feed within 2 s', async () => {
    await page.goto(`${consoleUrl}/alerts`);
    await page.locator('#alerts-stream-status[data-state="open"]').waitFor({ timeout: 15_000 });
    await ready();
    const before = Number(await page.locator('#alerts-feed').getAttribute('data-count'));
    // The floor rule raises on the way down only. A price 1.9 × the last one an hour after the last day (ingest
    // refuses more than ×2 within 7 days) lifts the hashprice over the 45 USD/PH/day floor and clears the rule;
    // the last price again an hour later drops it below: that breach is the alert the feed must show.
    const latest = await api('valuation/v1/network/hashprice/latest');
    const lastPriceUsd = Number(latest.btcPriceUsd);
    expect(Number(latest.hashpriceUsdPerPhDay) * 1.9).toBeGreaterThan(45 * 1.02);
    const lastDayEnd = Date.parse(`${seeded.days.at(-1)}T23:59:59Z`);
    const postPrice = (priceUsd: number, hoursAfter: number) => fetch(`${stack.url('ingest')}/v1/observations/btc-price`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_API_KEY },
      body: JSON.stringify({ priceUsd, observedAt: new Date(lastDayEnd + hoursAfter * 3_600_000).toISOString().replace('.000Z', 'Z'), source: 'console-e2e' }),
    });
    const recovery = await postPrice(lastPriceUsd * 1.9, 1);
    expect(`${recovery.status} ${await recovery.text()}`).toMatch(/^202 /);
    await eventually('the floor rule cleared', () => api('risk/v1/rules'), (rules) => (rules as unknown as Json[]).some((r) => r.ruleId === 'network.hashprice-floor' && r.breached === false), 30_000);
    const sent = Date.now();
    const breach = await postPrice(lastPriceUsd, 2);
    expect(`${breach.status} ${await breach.text()}`).toMatch(/^202 /);
    await page.locator('#alerts-feed li', { hasText: 'network' }).nth(before).waitFor({ timeout: 2_000 });
    const elapsedMs = Date.now() - sent;
    expect(elapsedMs).toBeLessThan(2_000);
    await expect(page.locator('#alerts-feed li').first().textContent()).resolves.toMatch(/hashprice .* fell below the floor/i);
    process.stdout.write(`console e2e: alert in the live feed ${elapsedMs} ms after the ingest POST\n`);
    await shoot('alerts');
  });
});
