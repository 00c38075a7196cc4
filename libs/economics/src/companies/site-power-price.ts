import type { CompanyProfile, SourcedRecord } from './company-profile';

/**
 * The power price a company pays, from where its sites are: fixed-price contracts at their own price
 * until they expire, and the rest of its sites' capacity at the newest observed price of each site's
 * power region (EIA state retail, ERCOT hub). Capacity-weighted. Null when no site can be priced, and
 * the profile's own average then applies. The parts say which price applied to which MW (lineage).
 */

/** A region's newest observed price at the valuation time (EIA:TX:IND, ERCOT:DAM:HB_WEST, …). */
export interface RegionalPowerQuote {
  readonly region: string;
  readonly powerUsdPerKwh: number;
  readonly eventId: string;
}

export interface PowerPricePart {
  /** `fixed-contract` (its own price) or `region` (an observed price). */
  readonly kind: 'fixed-contract' | 'region';
  /** The contract's name or the site's name. */
  readonly name: string;
  readonly mw: number;
  readonly powerUsdPerKwh: number;
  /** The observed price's region and event id (region parts). */
  readonly region?: string;
  readonly eventId?: string;
}

export interface SitePowerPrice {
  readonly powerUsdPerKwh: number;
  readonly parts: readonly PowerPricePart[];
  /** Sites left out: no observed price for their region. */
  readonly unpriced: readonly string[];
}

/**
 * Observed price regions that stand for a site's power region, best first: the same ERCOT zone's hub,
 * then the ERCOT hub average, then the state's industrial retail price (EIA). A site in Norway,
 * Paraguay or Québec has no observed region here.
 */
export function candidateRegions(siteRegion: string): string[] {
  const region = siteRegion.toUpperCase();
  const zone = /^ERCOT(?::(?:LZ_|HB_)?([A-Z]+))?/.exec(region);
  if (zone) return [...(zone[1] ? [`ERCOT:DAM:HB_${zone[1]}`, `ERCOT:RTM:HB_${zone[1]}`] : []), 'ERCOT:DAM:HB_HUBAVG', 'ERCOT:RTM:HB_HUBAVG', 'EIA:TX:IND'];
  const state = /^(?:US-|EIA:)([A-Z]{2})\b/.exec(region);
  if (state) return [`EIA:${state[1]}:IND`];
  if (region.startsWith('NYISO')) return ['EIA:NY:IND'];
  return [];
}

const capacityOf = (site: SourcedRecord): number | null => (typeof site['capacityMw'] === 'number' && site['capacityMw'] > 0 ? site['capacityMw'] : null);

/** `asOfDay` (YYYY-MM-DD): a fixed contract that ended before it no longer applies. */
export function sitePowerPrice(profile: CompanyProfile, quotes: readonly RegionalPowerQuote[], asOfDay = '0000-01-01'): SitePowerPrice | null {
  const byRegion = new Map(quotes.filter((q) => Number.isFinite(q.powerUsdPerKwh) && q.powerUsdPerKwh >= 0).map((q) => [q.region.toUpperCase(), q]));
  const fixed: PowerPricePart[] = profile.power.contracts
    .filter((c) => c.kind === 'fixed-price' && !(c.endDate && c.endDate < asOfDay) && c.capacityMw.value !== null && c.capacityMw.value > 0 && c.priceUsdPerKwh.value !== null)
    .map((c) => ({ kind: 'fixed-contract', name: c.name, mw: c.capacityMw.value as number, powerUsdPerKwh: c.priceUsdPerKwh.value as number }));
  const sites = (profile.sites ?? []).filter((s) => capacityOf(s) !== null);
  const unpriced: string[] = [];
  const floating: PowerPricePart[] = [];
  for (const site of sites) {
    const quote = candidateRegions(String(site['region'])).map((r) => byRegion.get(r)).find((q) => q !== undefined);
    if (!quote) {
      unpriced.push(String(site['name']));
      continue;
    }
    floating.push({ kind: 'region', name: String(site['name']), mw: capacityOf(site) as number, powerUsdPerKwh: quote.powerUsdPerKwh, region: quote.region, eventId: quote.eventId });
  }
  if (floating.length === 0) return null;
  // Fixed contracts cover their MW first; the priced sites share what is left in proportion to capacity.
  const fixedMw = fixed.reduce((sum, p) => sum + p.mw, 0);
  const sitesMw = sites.reduce((sum, s) => sum + (capacityOf(s) as number), 0);
  const floatingMw = Math.max(0, sitesMw - fixedMw);
  const pricedMw = floating.reduce((sum, p) => sum + p.mw, 0);
  const scaled = floating.map((p) => ({ ...p, mw: (p.mw / pricedMw) * Math.min(floatingMw, pricedMw) }));
  const parts = [...fixed, ...scaled].filter((p) => p.mw > 0);
  const totalMw = parts.reduce((sum, p) => sum + p.mw, 0);
  if (totalMw === 0) return null;
  return { powerUsdPerKwh: parts.reduce((sum, p) => sum + p.mw * p.powerUsdPerKwh, 0) / totalMw, parts, unpriced };
}
