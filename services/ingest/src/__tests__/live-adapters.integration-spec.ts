import { join } from 'node:path';
import { Topics } from '@hashdesk/contracts';
import { HttpReplayServer, loadReplayFixture } from '@hashdesk/testing/http-replay';
import { IngestHarness, sleep } from './ingest-harness';

const FIXTURES = join(__dirname, '..', 'adapters', '__fixtures__');

/**
 * A live adapter inside the running service: Stooq's recorded daily CSVs, served by a local replay
 * server, become EquityQuoteObserved events on the real broker, once each, also across a restart
 * that polls the same bars again; the adapter's state shows in /metrics and /health/ready.
 */
describe('ingest: a live adapter polls, records and publishes', () => {
  const harness = new IngestHarness('ingest-live');
  let stooq: HttpReplayServer;

  beforeAll(async () => {
    await harness.prepare();
    stooq = await HttpReplayServer.start();
    for (const name of ['daily-mara', 'daily-riot']) stooq.serveFixture(loadReplayFixture(join(FIXTURES, 'stooq', `${name}.json`)));
  });
  afterAll(async () => {
    await harness.stop();
    await stooq.close();
  });

  it('publishes each recorded bar once, with its close as the price at the New York close', async () => {
    const env = { INGEST_STOOQ_BASE_URL: stooq.baseUrl, INGEST_EQUITY_TICKERS: 'MARA,RIOT' };
    await harness.start(env);
    const quotes = await harness.probe(Topics.equityObserved);
    await quotes.waitFor((events) => events.length >= 10, 30_000, 'ten daily closes');

    const mara = quotes.events.find((e) => e.key === 'MARA' && e.message.tradingDay === '2024-12-20');
    expect(mara?.message).toMatchObject({ ticker: 'MARA', priceUsd: 22.98, quoteType: 'daily-close', source: 'stooq', volumeShares: 58123456 });
    expect(mara?.meta.time.toISOString()).toBe('2024-12-20T21:00:00.000Z');

    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(metrics).toMatch(/hashdesk_ingest_adapter_observations_recorded_total\{adapter="[^"]*stooq[^"]*",source="stooq"\} 10/);
    const ready = (await (await fetch(`${harness.url}/health/ready`)).json()) as { info: Record<string, unknown> };
    expect(JSON.stringify(ready.info.adapters)).toContain('lastSuccessAt');

    // A restart polls the same bars again: they are the same observations, and nothing new is published.
    await harness.service!.stop();
    await harness.start(env);
    await sleep(3_000);
    expect(stooq.requests.filter((r) => r.path.startsWith('/q/d/l')).length).toBeGreaterThanOrEqual(4);
    expect(quotes.events).toHaveLength(10);
    expect(new Set(quotes.events.map((e) => e.meta.id)).size).toBe(10);
  });
});
