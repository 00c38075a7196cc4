import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import {
  SourceIds,
  type CompanyCashObservation,
  type CompanyDebtObservation,
  type CompanyDigitalAssetsObservation,
  type CompanySharesOutstandingObservation,
  type XbrlFactProvenance,
} from '../observation.types';
import { resolveCommonConfig, type AdapterCommonConfig } from '../shared/adapter-config';
import { parseDecimal, parseInteger, requireArray, requireObject, requireText } from '../shared/parse.util';
import { PollingAdapter, isEntityLevelError, type PollSink } from '../shared/polling-adapter';
import { parseIsoDate, utcMidnight } from '../shared/time.util';

export interface SecEdgarCompanyFactsAdapterConfig extends AdapterCommonConfig {
  /** e.g. `https://data.sec.gov`. */
  baseUrl: string;
  /** Required by the SEC: a name and a contact e-mail, e.g. 'hashdesk ops@hashdesk.example'. */
  userAgent: string;
  /** Ticker → CIK (digits, zero-padding optional), e.g. { MARA: '1507605' }. */
  companies: Readonly<Record<string, string>>;
  /** Only facts whose `end` is on or after this date (YYYY-MM-DD); default all. */
  sinceEnd?: string;
}

type Metric =
  | { kind: 'company-cash'; unit: 'USD'; concepts: readonly string[]; build: (p: Provenance, value: number) => CompanyCashObservation }
  | { kind: 'company-debt'; unit: 'USD'; concepts: readonly string[]; build: (p: Provenance, value: number) => CompanyDebtObservation }
  | { kind: 'company-shares-outstanding'; unit: 'shares'; concepts: readonly string[]; build: (p: Provenance, value: number) => CompanySharesOutstandingObservation }
  | { kind: 'company-digital-assets'; unit: 'USD'; concepts: readonly string[]; build: (p: Provenance, value: number) => CompanyDigitalAssetsObservation };

type Provenance = XbrlFactProvenance & { source: string; eventTime: Date };

/**
 * What each observation is built from, concepts in order of preference: for one filing (accn) and
 * date (end), the first concept present wins, and the observation names it.
 */
const METRICS: readonly Metric[] = [
  {
    kind: 'company-cash', unit: 'USD',
    concepts: ['us-gaap:CashAndCashEquivalentsAtCarryingValue', 'us-gaap:Cash', 'us-gaap:CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents'],
    build: (p, cashUsd) => ({ ...p, kind: 'company-cash', cashUsd }),
  },
  {
    kind: 'company-debt', unit: 'USD',
    concepts: ['us-gaap:LongTermDebt', 'us-gaap:LongTermDebtNoncurrent', 'us-gaap:ConvertibleNotesPayable', 'us-gaap:ConvertibleDebtNoncurrent'],
    build: (p, debtUsd) => ({ ...p, kind: 'company-debt', debtUsd }),
  },
  {
    kind: 'company-shares-outstanding', unit: 'shares',
    concepts: ['dei:EntityCommonStockSharesOutstanding', 'us-gaap:CommonStockSharesOutstanding'],
    build: (p, sharesOutstanding) => ({ ...p, kind: 'company-shares-outstanding', sharesOutstanding }),
  },
  {
    kind: 'company-digital-assets', unit: 'USD',
    concepts: ['us-gaap:CryptoAssetFairValue', 'us-gaap:CryptoAssetFairValueNoncurrent', 'us-gaap:CryptoAssetFairValueCurrent'],
    build: (p, digitalAssetsUsd) => ({ ...p, kind: 'company-digital-assets', digitalAssetsUsd }),
  },
];

const CONTACT = /[^\s@()<>]+@[^\s@()<>]+\.[a-z]{2,}/i;

/**
 * Balance-sheet facts from SEC EDGAR XBRL companyfacts (SOURCES.md § Company fundamentals):
 * `GET /api/xbrl/companyfacts/CIK##########.json`. Extracts cash, debt, shares outstanding and
 * crypto assets at fair value, every reported instant, each with `end`, `filed`, `accn`, `form`
 * so point-in-time joins can ask "what was known on date X". The SEC requires a User-Agent with
 * a contact (checked at construction) and blocks clients above 10 requests a second for about
 * ten minutes, hence the default backoff of 10 min up to 1 h. Default poll: every 6 hours.
 */
export class SecEdgarCompanyFactsAdapter extends PollingAdapter {
  private readonly companies: { ticker: string; cik: string }[];
  private readonly sinceEnd?: string;

  constructor(config: SecEdgarCompanyFactsAdapterConfig) {
    if (typeof config.userAgent !== 'string' || !CONTACT.test(config.userAgent)) {
      throw AdapterException.config('userAgent', 'must name the requester and a contact e-mail (SEC fair-access policy), e.g. "hashdesk ops@hashdesk.example"');
    }
    super(resolveCommonConfig({ ...config, backoff: { initialDelayMs: 10 * 60_000, maxDelayMs: 3_600_000, ...config.backoff } }, { sourceId: SourceIds.secEdgar, pollIntervalMs: 6 * 3_600_000 }));
    const entries = Object.entries(config.companies ?? {});
    if (entries.length === 0) throw AdapterException.config('companies', 'must map at least one ticker to its CIK');
    this.companies = entries.map(([ticker, cik]) => {
      if (!/^[A-Z][A-Z0-9.-]{0,9}$/.test(ticker)) throw AdapterException.config('companies', `has an invalid ticker ${JSON.stringify(ticker)}`);
      if (typeof cik !== 'string' || !/^\d{1,10}$/.test(cik)) throw AdapterException.config(`companies.${ticker}`, 'must be a CIK of up to 10 digits');
      return { ticker, cik: cik.padStart(10, '0') };
    });
    if (config.sinceEnd !== undefined) {
      try {
        this.sinceEnd = parseIsoDate('sinceEnd', config.sinceEnd);
      } catch {
        throw AdapterException.config('sinceEnd', 'must be a date YYYY-MM-DD');
      }
    }
  }

  protected async collect(_now: Date, sink: PollSink): Promise<void> {
    for (const { ticker, cik } of this.companies) {
      try {
        const { json } = await this.http.getJson(`api/xbrl/companyfacts/CIK${cik}.json`);
        const before = sink.observations.length;
        this.extract(ticker, cik, requireObject('companyfacts', json), sink);
        if (sink.observations.length === before) {
          sink.issue({ code: AdapterExceptionCode.EMPTY_RESPONSE, key: ticker, message: `CIK${cik}: none of the tracked balance-sheet concepts${this.sinceEnd ? ` since ${this.sinceEnd}` : ''}` });
        }
      } catch (error) {
        // An unknown CIK answers 404 (NoSuchKey): a problem with that company, not with EDGAR.
        const unknownCik = error instanceof AdapterException && error.code === AdapterExceptionCode.HTTP_ERROR && error.status === 404;
        if (!unknownCik && !isEntityLevelError(error)) throw error;
        sink.issueFrom(error as AdapterException, ticker);
      }
    }
  }

  private extract(ticker: string, cik: string, body: Record<string, unknown>, sink: PollSink): void {
    const reportedCik = parseInteger('cik', body.cik, 1);
    if (reportedCik !== Number(cik)) throw new AdapterException(AdapterExceptionCode.PROVIDER_ERROR, `asked for CIK${cik}, got ${reportedCik}`, { field: 'cik' });
    const facts = requireObject('facts', body.facts ?? {});
    for (const metric of METRICS) {
      const chosen = new Map<string, string>(); // `${accn}|${end}` → concept that supplied it
      for (const concept of metric.concepts) {
        const [taxonomy, tag] = concept.split(':');
        const entries = factsFor(facts, taxonomy, tag, metric.unit);
        entries.forEach((entry, i) => {
          const field = `facts.${taxonomy}.${tag}.units.${metric.unit}[${i}]`;
          try {
            const fact = requireObject(field, entry);
            if (fact.start !== undefined) return; // a duration, not a balance-sheet instant
            const end = parseIsoDate(`${field}.end`, fact.end);
            if (this.sinceEnd && end < this.sinceEnd) return;
            const accn = requireText(`${field}.accn`, fact.accn, /^\d{10}-\d{2}-\d{6}$/);
            const slot = `${accn}|${end}`;
            if (chosen.has(slot)) return; // a preferred concept, or this one already, covers this filing and date
            const provenance: Provenance = {
              source: this.source,
              key: ticker,
              eventTime: utcMidnight(end),
              cik,
              concept,
              end,
              filed: parseIsoDate(`${field}.filed`, fact.filed),
              accn,
              form: requireText(`${field}.form`, fact.form),
              fy: fact.fy === null || fact.fy === undefined ? null : parseInteger(`${field}.fy`, fact.fy, 1990, 2200),
              fp: fact.fp === null || fact.fp === undefined ? null : requireText(`${field}.fp`, fact.fp),
            };
            const value = metric.unit === 'shares' ? parseInteger(`${field}.val`, fact.val, 1) : parseDecimal(`${field}.val`, fact.val);
            if (value < 0) throw AdapterException.invalidField(`${field}.val`, 'must be 0 or more', fact.val);
            chosen.set(slot, concept);
            sink.add(metric.build(provenance, value));
          } catch (error) {
            if (!isEntityLevelError(error)) throw error;
            sink.issueFrom(error, ticker);
          }
        });
      }
    }
  }
}

function factsFor(facts: Record<string, unknown>, taxonomy: string, tag: string, unit: string): unknown[] {
  const inTaxonomy = facts[taxonomy];
  if (inTaxonomy === undefined) return [];
  const concept = requireObject(`facts.${taxonomy}`, inTaxonomy)[tag];
  if (concept === undefined) return [];
  const units = requireObject(`facts.${taxonomy}.${tag}.units`, requireObject(`facts.${taxonomy}.${tag}`, concept).units);
  return units[unit] === undefined ? [] : requireArray(`facts.${taxonomy}.${tag}.units.${unit}`, units[unit]);
}
