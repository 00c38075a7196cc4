import { AdapterExceptionCode } from '../adapter.exception';
import type { AdapterResult } from '../adapter.types';
import type { BtcReferencePriceObservation } from '../observation.types';
import { describeFailure } from '../testing/adapter-conformance';
import { HttpReplayServer, fixture, matchFromFixture } from '../testing/replay';
import { BtcReferencePriceAdapter } from './btc-reference-price.adapter';
import { CoinGeckoQuoteAdapter } from './coingecko-quote.adapter';
import { CoinbaseQuoteAdapter } from './coinbase-quote.adapter';
import { KrakenQuoteAdapter } from './kraken-quote.adapter';

// Recorded quotes: Coinbase "97312.45" at 14:02:25.417Z, Kraken "97305.10000" (Date 14:02:26Z), CoinGecko 97298.12 at 14:02:00Z.
const NOW = new Date('2024-12-20T14:02:27Z');

function reference(result: AdapterResult): BtcReferencePriceObservation {
  const found = result.observations.find((o): o is BtcReferencePriceObservation => o.kind === 'btc-reference-price');
  if (!found) throw new Error(`no reference price: ${describeFailure(result)}`);
  return found;
}

describe('BtcReferencePriceAdapter (Coinbase, Kraken, CoinGecko through the replay server)', () => {
  let server: HttpReplayServer;
  beforeAll(async () => {
    server = await HttpReplayServer.start();
  });
  beforeEach(() => {
    server.reset();
    server.serveFixture(fixture('coinbase', 'ticker'));
    server.serveFixture(fixture('kraken', 'ticker'));
    server.serveFixture(fixture('coingecko', 'simple-price'));
  });
  afterAll(() => server.close());

  function create(): BtcReferencePriceAdapter {
    return new BtcReferencePriceAdapter({
      sources: [
        new CoinbaseQuoteAdapter({ baseUrl: server.baseUrl, random: () => 0 }),
        new KrakenQuoteAdapter({ baseUrl: server.baseUrl, random: () => 0 }),
        new CoinGeckoQuoteAdapter({ baseUrl: server.url('/api/v3'), random: () => 0 }),
      ],
    });
  }

  it('publishes each venue’s quote and the median of the three, naming its sources', async () => {
    const result = await create().poll(NOW);

    expect(describeFailure(result)).toBe('ok');
    expect(result.observations.filter((o) => o.kind === 'btc-price').map((o) => o.source)).toEqual(['coinbase', 'kraken', 'coingecko']);
    expect(reference(result)).toEqual({
      kind: 'btc-reference-price',
      source: 'btc-reference',
      key: 'BTC-USD',
      priceUsd: 97305.1,
      method: 'median',
      eventTime: new Date('2024-12-20T14:02:26Z'),
      componentSources: ['coinbase', 'kraken', 'coingecko'],
      componentPricesUsd: { coinbase: 97312.45, kraken: 97305.1, coingecko: 97298.12 },
      excludedSources: [],
    });
  });

  it('with one source down takes the median of the two that answered and says why the third is missing', async () => {
    server.route(matchFromFixture(fixture('kraken', 'ticker')), { status: 503, body: 'upstream connect error' });

    const result = await create().poll(NOW);

    expect(describeFailure(result)).toBe('ok');
    const ref = reference(result);
    expect(ref.priceUsd).toBeCloseTo((97312.45 + 97298.12) / 2, 9);
    expect(ref.componentSources).toEqual(['coinbase', 'coingecko']);
    expect(ref.excludedSources).toEqual([{ source: 'kraken', reason: 'unavailable', detail: expect.stringContaining('SERVER_ERROR') }]);
    expect(result.issues).toContainEqual(expect.objectContaining({ code: 'SOURCE_EXCLUDED', source: 'kraken' }));
  });

  it('leaves out a stale aggregate, saying how old it is', async () => {
    server.serveFixture(fixture('coingecko', 'simple-price.stale'));

    const ref = reference(await create().poll(NOW));

    expect(ref.priceUsd).toBeCloseTo((97312.45 + 97305.1) / 2, 9);
    expect(ref.excludedSources).toEqual([{ source: 'coingecko', reason: 'stale', detail: expect.stringContaining('1347 s old (limit 120 s)') }]);
  });

  it('leaves out a venue wildly off the others', async () => {
    server.serveFixture(fixture('kraken', 'ticker.outlier'));

    const ref = reference(await create().poll(NOW));

    expect(ref.componentSources).toEqual(['coinbase', 'coingecko']);
    // The median of the three fresh quotes is CoinGecko's 97298.12; (97298.12 − 91000) / 97298.12 = 6.47 %.
    expect(ref.excludedSources).toEqual([{ source: 'kraken', reason: 'outlier', detail: expect.stringContaining('91000 USD is 6.47 % from the median 97298.12 USD') }]);
  });

  it('fails NO_REFERENCE_PRICE when only one venue answers, still passing on that venue’s quote', async () => {
    server.route(matchFromFixture(fixture('kraken', 'ticker')), { status: 503 });
    server.serveFixture(fixture('coingecko', 'simple-price.429'));
    const adapter = create();

    const result = await adapter.poll(NOW);

    expect(result.outcome === 'failed' && result.error.code).toBe(AdapterExceptionCode.NO_REFERENCE_PRICE);
    expect(result.observations.map((o) => `${o.kind}:${o.source}`)).toEqual(['btc-price:coinbase']);
    expect(result.nextPollAt.getTime() - NOW.getTime()).toBeGreaterThanOrEqual(adapter.pollIntervalMs);
    expect(adapter.state(NOW)).toMatchObject({ consecutiveFailures: 1, lastError: { code: AdapterExceptionCode.NO_REFERENCE_PRICE } });
  });

  it('keeps a throttled venue in the median with its last quote while that quote is fresh, then drops it as stale', async () => {
    const adapter = create();
    await adapter.poll(NOW);
    server.serveFixture(fixture('kraken', 'ticker.429'));

    const soon = await adapter.poll(new Date(NOW.getTime() + 20_000));
    const later = await adapter.poll(new Date(NOW.getTime() + 200_000));

    expect(reference(soon).componentSources).toEqual(['coinbase', 'kraken', 'coingecko']);
    expect(soon.issues).toContainEqual(expect.objectContaining({ code: 'FALLBACK', source: 'kraken' }));
    // At +200 s every recorded quote is older than 120 s: nothing is fresh, so no reference at all.
    expect(later.outcome === 'failed' && later.error.code).toBe(AdapterExceptionCode.NO_REFERENCE_PRICE);
    // Kraken's backoff after the 429 (max of Retry-After 5 s and its 30 s interval) had run out by +200 s, so it was asked again.
    expect(adapter.sourceStates(NOW).find((s) => s.adapterId === 'kraken')).toMatchObject({ consecutiveFailures: 2 });
  });

  it('refuses a minSources larger than the sources configured', () => {
    expect(() => new BtcReferencePriceAdapter({ sources: [new CoinbaseQuoteAdapter({ baseUrl: 'http://127.0.0.1:9' })], minSources: 2 }))
      .toThrow(expect.objectContaining({ code: AdapterExceptionCode.CONFIG_INVALID, field: 'minSources' }));
  });
});
