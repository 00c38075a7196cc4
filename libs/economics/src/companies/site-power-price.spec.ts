import { parseCompanyProfile } from './parse-company-profile';
import { candidateRegions, sitePowerPrice } from './site-power-price';
import { syntheticProfile } from './company-profile.testing';

const site = (name: string, region: string, capacityMw: number) => ({
  name, region, capacityMw, knownAt: '2024-01-10', source: 'https://example.com/sites', sourceQuality: 'primary', excerpt: `${name}: ${capacityMw} MW`,
});
const fixedContract = (mw: number, usdPerKwh: number) => ({
  name: 'fixed PPA', kind: 'fixed-price', note: null,
  capacityMw: { value: mw, asOf: '2024', source: 's' }, priceUsdPerKwh: { value: usdPerKwh, asOf: '2024', source: 's' }, termYears: { value: null, asOf: null, source: null },
});
const withSites = (sites: unknown[], contracts: unknown[] = []) => {
  const base = syntheticProfile() as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  return parseCompanyProfile({ ...base, sites, power: { ...base.power, contracts } });
};

describe('sitePowerPrice: the regions a company mines in reach its power cost', () => {
  it('given two Texas sites and their ERCOT hubs, when priced, then the price is the capacity-weighted mean (hand calculation)', () => {
    const profile = withSites([site('Rockdale', 'ERCOT:LZ_WEST', 300), site('Corsicana', 'ERCOT:LZ_NORTH', 100)]);
    const price = sitePowerPrice(profile, [
      { region: 'ERCOT:DAM:HB_WEST', powerUsdPerKwh: 0.03, eventId: 'w' },
      { region: 'ERCOT:DAM:HB_NORTH', powerUsdPerKwh: 0.05, eventId: 'n' },
    ]);
    // (300 × 0.03 + 100 × 0.05) / 400 = 0.035
    expect(price?.powerUsdPerKwh).toBeCloseTo(0.035, 12);
    expect(price?.parts.map((p) => [p.name, p.region, p.eventId])).toEqual([['Rockdale', 'ERCOT:DAM:HB_WEST', 'w'], ['Corsicana', 'ERCOT:DAM:HB_NORTH', 'n']]);
  });

  it('given a fixed contract covering part of the sites, when priced, then it keeps its own price and the rest floats', () => {
    const profile = withSites([site('Rockdale', 'ERCOT', 400)], [fixedContract(100, 0.025)]);
    const price = sitePowerPrice(profile, [{ region: 'ERCOT:DAM:HB_HUBAVG', powerUsdPerKwh: 0.045, eventId: 'h' }]);
    // 100 MW at 0.025 + 300 MW at 0.045 over 400 MW = 0.04
    expect(price?.powerUsdPerKwh).toBeCloseTo(0.04, 12);
    expect(price?.parts.map((p) => [p.kind, p.mw])).toEqual([['fixed-contract', 100], ['region', 300]]);
  });

  it('given sites in regions without an observed price, when priced, then it is null (the profile average applies) or names them', () => {
    expect(sitePowerPrice(withSites([site('Sundsvall', 'SE', 50)]), [{ region: 'EIA:TX:IND', powerUsdPerKwh: 0.07, eventId: 'e' }])).toBeNull();
    const mixed = sitePowerPrice(withSites([site('Sundsvall', 'SE', 50), site('Dalton', 'US-GA', 50)]), [{ region: 'EIA:GA:IND', powerUsdPerKwh: 0.07, eventId: 'e' }]);
    expect(mixed?.powerUsdPerKwh).toBeCloseTo(0.07, 12);
    expect(mixed?.unpriced).toEqual(['Sundsvall']);
  });

  it('given site regions as researchers write them, when mapped, then each names the observed regions best first', () => {
    expect(candidateRegions('ERCOT:LZ_WEST')[0]).toBe('ERCOT:DAM:HB_WEST');
    expect(candidateRegions('ERCOT').at(-1)).toBe('EIA:TX:IND');
    expect(candidateRegions('NYISO:ZONE_A')).toEqual(['EIA:NY:IND']);
    expect(candidateRegions('Paraguay')).toEqual([]);
  });
});

describe('sitePowerPrice: contracts expire', () => {
  it('given a fixed contract that ended before the valuation day, when priced, then all the capacity floats', () => {
    const ended = { ...fixedContract(100, 0.025), endDate: '2024-06-30' };
    const profile = withSites([site('Rockdale', 'ERCOT', 400)], [ended]);
    const quotes = [{ region: 'ERCOT:DAM:HB_HUBAVG', powerUsdPerKwh: 0.045, eventId: 'h' }];
    expect(sitePowerPrice(profile, quotes, '2024-06-30')?.powerUsdPerKwh).toBeCloseTo(0.04, 12);
    expect(sitePowerPrice(profile, quotes, '2024-07-01')?.powerUsdPerKwh).toBeCloseTo(0.045, 12);
  });
});
