import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toBinary } from '@bufbuild/protobuf';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { canonicalJson, CompanyValuedSchema } from '@hashdesk/contracts';
import { companyMetrics, parseCompanyProfile } from '@hashdesk/economics';
import { comparableRow, sortComparables, type ComparableRow } from './comparable-row.mapper';
import { valueCompany, valueCompanyIfListed, type MarketInput, type ProfileVersion } from './company-valuation.calculator';

const profileJson = canonicalJson(JSON.parse(readFileSync(resolve(__dirname, '../../../../data/companies/riot.json'), 'utf8')));
const version: ProfileVersion = {
  ticker: 'RIOT', version: 1, eventId: 'p-1', eventType: 'hashdesk.v1.CompanyProfileRecorded',
  eventTime: new Date('2025-09-30T23:59:59Z'), learnedTime: new Date('2026-01-05T10:00:00Z'), profileJson, sharePrice: { priceUsd: 14, asOf: '2025-10-01', source: 's' },
};
const price: MarketInput = {
  eventId: 'btc-1', eventType: 'hashdesk.v1.BtcPriceObserved', eventTime: new Date('2025-10-01T23:59:59Z'), learnedTime: new Date('2026-01-05T10:00:01Z'), values: { priceUsd: 91_000 },
};
const network: MarketInput = {
  eventId: 'net-1', eventType: 'hashdesk.v1.NetworkSnapshotObserved', eventTime: new Date('2025-10-01T12:00:00Z'), learnedTime: new Date('2026-01-05T10:00:02Z'),
  values: { height: 925_000, difficulty: 149.3e12, feesPerBlockSats: 2_500_000 },
};

describe('valueCompany', () => {
  it('Given the same inputs, When valued twice, Then the messages are byte-identical (replay)', () => {
    const a = toBinary(CompanyValuedSchema, valueCompany(version, price, network));
    const b = toBinary(CompanyValuedSchema, valueCompany({ ...version }, { ...price }, { ...network }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('Given a parsed profile kept and reused (valuation caches it per version), When valued at two markets, Then it is never mutated and each valuation equals one from a fresh parse', () => {
    const deepFreeze = <T>(value: T): T => {
      if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
      }
      return value;
    };
    const kept = deepFreeze(parseCompanyProfile(JSON.parse(profileJson)));
    const later = { ...price, eventId: 'btc-2', eventTime: new Date('2025-10-02T23:59:59Z'), values: { priceUsd: 60_000 } };
    for (const market of [price, later]) {
      const reused = valueCompanyIfListed(version, market, network, undefined, [], kept);
      const fresh = valueCompanyIfListed(version, market, network);
      expect(reused && Buffer.from(toBinary(CompanyValuedSchema, reused)).equals(Buffer.from(toBinary(CompanyValuedSchema, fresh!)))).toBe(true);
    }
  });

  it('Given a profile, a price and a snapshot, Then as-of is the newest event time, known-at the newest learned time, and the lineage names all three', () => {
    const valued = valueCompany(version, price, network);
    expect(timestampDate(valued.asOf as Timestamp)).toEqual(price.eventTime);
    expect(timestampDate(valued.knownAt as Timestamp)).toEqual(network.learnedTime);
    expect(valued.lineage?.inputs.map((i) => i.eventId)).toEqual(['p-1', 'btc-1', 'net-1']);
    expect(valued.sharePriceUsd).toBe(14);
  });

  it('Then its metrics are the economics library\'s for that market (the CLI example: 0.025 BTC fees, share price 14)', () => {
    const { metrics } = JSON.parse(valueCompany(version, price, network).resultJson) as { metrics: Record<string, number> };
    const expected = companyMetrics(JSON.parse(profileJson), { btcPriceUsd: 91_000, difficulty: 149.3e12, height: 925_000, feesBtcPerBlock: 0.025, sharePriceUsd: 14 });
    expect(metrics['btcPerDay']).toBe(expected.btcPerDay);
    expect(metrics['mNavBasic']).toBe(expected.mNavBasic);
    expect(metrics['powerCostPerBtcUsd']).toBeCloseTo(48_686.64, 2);
  });

  it('Given another price, Then the valuation id changes; given the same, it does not', () => {
    const a = valueCompany(version, price, network).valuationId;
    expect(valueCompany(version, { ...price, eventId: 'btc-2' }, network).valuationId).not.toBe(a);
    expect(valueCompany(version, price, network).valuationId).toBe(a);
  });
});

describe('valueCompany: the sites\' power regions reach the cost', () => {
  const withSites = (sites: unknown[]): ProfileVersion => ({ ...version, profileJson: canonicalJson({ ...JSON.parse(profileJson), sites }) });
  const site = (name: string, region: string, capacityMw: number) => ({ name, region, capacityMw, knownAt: '2025-01-10', source: 'https://example.com', sourceQuality: 'primary', excerpt: `${capacityMw} MW` });

  it('Given a Texas site and an observed ERCOT price, When valued, Then the power cost uses that price and the lineage names it', () => {
    const sited = withSites([site('Rockdale', 'ERCOT:LZ_WEST', 700)]);
    const valued = valueCompany(sited, price, network, undefined, [{ region: 'ERCOT:DAM:HB_WEST', powerUsdPerKwh: 0.031, eventId: 'power-1' }]);
    const { metrics, powerPriceMix } = JSON.parse(valued.resultJson) as { metrics: Record<string, unknown>; powerPriceMix: { powerUsdPerKwh: number } };
    expect(metrics['powerUsdPerKwh']).toBeCloseTo(0.031, 12);
    expect(metrics['powerPriceSource']).toBe('market-override');
    expect(powerPriceMix.powerUsdPerKwh).toBeCloseTo(0.031, 12);
    expect(valued.lineage?.inputs.map((i) => i.eventId)).toEqual(['p-1', 'btc-1', 'net-1', 'power-1']);
    expect(valued.valuationId).not.toBe(valueCompany(sited, price, network).valuationId);
  });

  it('Given no observed price for the site\'s region, When valued, Then the profile\'s own price applies and nothing is added to the lineage', () => {
    const valued = valueCompany(withSites([site('Sundsvall', 'SE', 50)]), price, network, undefined, [{ region: 'ERCOT:DAM:HB_WEST', powerUsdPerKwh: 0.031, eventId: 'power-1' }]);
    expect((JSON.parse(valued.resultJson) as { metrics: Record<string, unknown> }).metrics['powerPriceSource']).toBe('profile-average');
    expect(valued.lineage?.inputs.map((i) => i.eventId)).toEqual(['p-1', 'btc-1', 'net-1']);
  });
});

describe('valueCompanyIfListed', () => {
  const delisted = (day: string): ProfileVersion => ({ ...version, profileJson: canonicalJson({ ...JSON.parse(profileJson), delistedOn: day }) });

  it('Given a company delisted before the market point, When valued, Then there is no valuation; on its last day there is', () => {
    expect(valueCompanyIfListed(delisted('2025-09-30'), price, network)).toBeUndefined();
    expect(valueCompanyIfListed(delisted('2025-10-01'), price, network)?.ticker).toBe('RIOT');
    expect(valueCompanyIfListed(version, price, network)?.valuationId).toBe(valueCompany(version, price, network).valuationId);
  });
});

describe('comparables', () => {
  const row = (ticker: string, evPerOperatingEhUsd: number | null): ComparableRow => ({ ticker, evPerOperatingEhUsd } as unknown as ComparableRow);

  it.each([
    ['desc', ['B', 'A', 'C', 'D']],
    ['asc', ['A', 'B', 'C', 'D']],
  ] as const)('sorts %s by EV/EH with unknown values last, ties by ticker', (order, expected) => {
    const rows = [row('D', null), row('A', 1), row('C', null), row('B', 2)];
    expect(sortComparables(rows, 'evPerEhUsd', order).map((r) => r.ticker)).toEqual(expected);
  });

  it('flattens a stored valuation with the sources its profile cites', () => {
    const valued = valueCompany(version, price, network);
    const flat = comparableRow({
      valuationId: valued.valuationId, ticker: 'RIOT', asOf: price.eventTime, knownAt: network.learnedTime, recordedAt: new Date(), profileVersion: 1,
      valued: { resultJson: valued.resultJson, btcPriceUsd: 91_000, sharePriceUsd: 14, lineage: { methodologyVersion: 'm' } }, profileJson,
    });
    expect(flat).toMatchObject({ ticker: 'RIOT', name: 'Riot Platforms, Inc.', btcPriceUsd: 91_000, sharePriceUsd: 14, methodologyVersion: 'm' });
    expect(flat.mNavBasic).toBeGreaterThan(0);
    expect((flat.sources as string[]).every((s) => s.length > 0)).toBe(true);
    expect((flat.sources as string[]).length).toBeGreaterThan(3);
  });
});
