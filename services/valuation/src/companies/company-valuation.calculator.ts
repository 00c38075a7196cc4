import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { canonicalJson, CompanyValuedSchema, InputRefSchema, LineageSchema, PowerPriceObservedSchema, type CompanyValued } from '@hashdesk/contracts';
import {
  companyMetrics, companyValuation, METHODOLOGY_VERSION, parseCompanyProfile, satsToBtc, sitePowerPrice, type CompanyProfile, type MarketInputs, type RegionalPowerQuote,
} from '@hashdesk/economics';
import { derivedEventId } from '@hashdesk/messaging';

/** Bumped whenever the valuation changes (the economics library's own version is part of it). */
export const COMPANY_VALUATION_METHODOLOGY_VERSION =
  `company-valuation/1 (${METHODOLOGY_VERSION}; market = BTC price + the other input nearest before by event time; `
  + 'fees per block from the snapshot; default assumptions; valuation date = as-of day; '
  + 'share price = newest equity quote at or before the market point, else the one submitted with the profile; '
  + 'power price = the sites\' mix (fixed contracts at their price until they end, the rest at each site region\'s newest observed price) when a site can be priced, else the profile\'s)';

/** The lineage event type of a regional power price the site mix used. */
export const POWER_PRICE_EVENT_TYPE = PowerPriceObservedSchema.typeName;

/** A BTC price or network snapshot as valuation keeps it (market_input). */
export interface MarketInput {
  eventId: string;
  eventType: string;
  eventTime: Date;
  learnedTime: Date;
  values: Record<string, number>;
}

/** A share quote as valuation keeps it (equity_quote). */
export interface EquityQuote {
  eventId: string;
  eventType: string;
  eventTime: Date;
  learnedTime: Date;
  priceUsd: number;
}

/** A company profile version as valuation keeps it (company_profile). */
export interface ProfileVersion {
  ticker: string;
  version: number;
  eventId: string;
  eventType: string;
  eventTime: Date;
  learnedTime: Date;
  profileJson: string;
  sharePrice: { priceUsd: number; asOf: string; source: string } | null;
}

const latestOf = (dates: Date[]): Date => new Date(Math.max(...dates.map((d) => d.getTime())));

/**
 * Pure: one company's metrics and valuation (economics library) for a profile version and a market
 * state. The as-of is the newest input's event time, so no input lies after it (no look-ahead);
 * known_at is the newest learned time. Same inputs → same bytes.
 */
export function valueCompany(
  version: ProfileVersion, price: MarketInput, network: MarketInput, quote?: EquityQuote, powerQuotes: readonly RegionalPowerQuote[] = [],
): CompanyValued {
  return valueParsed(parseCompanyProfile(JSON.parse(version.profileJson)), version, price, network, quote, powerQuotes);
}

/** As valueCompany, but undefined once the company no longer trades (after its profile's delistedOn). */
export function valueCompanyIfListed(
  version: ProfileVersion, price: MarketInput, network: MarketInput, quote?: EquityQuote, powerQuotes: readonly RegionalPowerQuote[] = [],
  profile: CompanyProfile = parseCompanyProfile(JSON.parse(version.profileJson)),
): CompanyValued | undefined {
  const asOfDay = latestOf([version, price, network, ...(quote ? [quote] : [])].map((input) => input.eventTime)).toISOString().slice(0, 10);
  if (profile.delistedOn && asOfDay > profile.delistedOn) return undefined;
  return valueParsed(profile, version, price, network, quote, powerQuotes);
}

function valueParsed(
  profile: CompanyProfile, version: ProfileVersion, price: MarketInput, network: MarketInput, quote: EquityQuote | undefined, powerQuotes: readonly RegionalPowerQuote[],
): CompanyValued {
  const all = quote ? [version, price, network, quote] : [version, price, network];
  const asOf = latestOf(all.map((input) => input.eventTime));
  const knownAt = latestOf(all.map((input) => input.learnedTime));
  const sharePriceUsd = quote?.priceUsd ?? version.sharePrice?.priceUsd;
  const powerMix = sitePowerPrice(profile, powerQuotes, asOf.toISOString().slice(0, 10));
  const market: MarketInputs = {
    btcPriceUsd: price.values.priceUsd,
    difficulty: network.values.difficulty,
    height: network.values.height,
    feesBtcPerBlock: satsToBtc(network.values.feesPerBlockSats),
    ...(sharePriceUsd !== undefined ? { sharePriceUsd } : {}),
    ...(powerMix ? { powerUsdPerKwh: powerMix.powerUsdPerKwh } : {}),
  };
  const metrics = companyMetrics(profile, market);
  const valuation = companyValuation(profile, market, { valuation: { valuationDate: asOf.toISOString().slice(0, 10) } });
  // Lineage order: profile, price, network[, equity quote], then the regional power prices the mix used.
  const powerEventIds = [...new Set((powerMix?.parts ?? []).flatMap((part) => (part.eventId ? [part.eventId] : [])))];
  const inputs = [
    ...all.map((input) => create(InputRefSchema, { eventId: input.eventId, eventType: input.eventType, eventTime: timestampFromDate(input.eventTime) })),
    ...powerEventIds.map((eventId) => create(InputRefSchema, { eventId, eventType: POWER_PRICE_EVENT_TYPE })),
  ];
  return create(CompanyValuedSchema, {
    valuationId: valuationIdFor(version.ticker, version.eventId, price.eventId, network.eventId, quote?.eventId, powerEventIds),
    ticker: version.ticker,
    asOf: timestampFromDate(asOf),
    knownAt: timestampFromDate(knownAt),
    profileVersion: version.version,
    btcPriceUsd: market.btcPriceUsd,
    difficulty: market.difficulty,
    height: market.height,
    sharePriceUsd,
    resultJson: canonicalJson({ metrics, valuation, ...(powerMix ? { powerPriceMix: powerMix } : {}) }),
    lineage: create(LineageSchema, { inputs, methodologyVersion: COMPANY_VALUATION_METHODOLOGY_VERSION }),
  });
}

export function valuationIdFor(
  ticker: string, profileEventId: string, priceEventId: string, networkEventId: string, quoteEventId = '-', powerEventIds: readonly string[] = [],
): string {
  return derivedEventId(COMPANY_VALUATION_METHODOLOGY_VERSION, ticker, profileEventId, priceEventId, networkEventId, quoteEventId, ...powerEventIds);
}
