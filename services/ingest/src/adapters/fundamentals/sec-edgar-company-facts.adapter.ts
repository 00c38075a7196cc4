import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import {
  SourceIds,
  type CompanyFactObservation,
  type KnownAtBasis,
  type XbrlFactProvenance,
  type XbrlPeriodFactProvenance,
} from '../observation.types';
import { resolveCommonConfig, type AdapterCommonConfig } from '../shared/adapter-config';
import { parseDecimal, parseInteger, requireArray, requireObject, requireText } from '../shared/parse.util';
import { PollingAdapter, isEntityLevelError, type PollSink } from '../shared/polling-adapter';
import { parseIsoDate, parseIsoInstant, utcMidnight } from '../shared/time.util';

export interface SecEdgarCompanyFactsAdapterConfig extends AdapterCommonConfig {
  /** e.g. `https://data.sec.gov`. */
  baseUrl: string;
  /** Required by the SEC: a name and a contact e-mail, e.g. 'hashdesk ops@hashdesk.example'. */
  userAgent: string;
  /** Ticker → CIK (digits, zero-padding optional), e.g. { MARA: '1507605' }. */
  companies: Readonly<Record<string, string>>;
  /** Only facts whose `end` is on or after this date (YYYY-MM-DD); default all. */
  sinceEnd?: string;
  /** Least time between two requests, ms; default 150 (under the SEC's 10 requests a second). Tests pass 0. */
  requestSpacingMs?: number;
}

type FactBase = XbrlFactProvenance & { source: string; eventTime: Date };
type PeriodFactBase = XbrlPeriodFactProvenance & { source: string; eventTime: Date };
type KnownAt = Pick<XbrlFactProvenance, 'knownAt' | 'knownAtBasis'>;

interface MetricCommon {
  unit: 'USD' | 'shares';
  /** Concepts in order of preference, `<taxonomy>:<tag>`. */
  concepts: readonly string[];
  /** True when the value may be negative (net income); every other figure must be 0 or more. */
  signed?: boolean;
}

type Metric =
  | (MetricCommon & { period: 'instant'; build: (p: FactBase, value: number) => CompanyFactObservation })
  | (MetricCommon & { period: 'quarter'; build: (p: PeriodFactBase, value: number) => CompanyFactObservation });

/**
 * A quarter is 80–100 days (start and end inclusive): a 3-month fact. 10-Qs report cash-flow facts
 * (capex, share-based compensation, often depreciation) year to date, so a Q2 or Q3 10-Q carries 6- and
 * 9-month figures for them: those are skipped, as is a 10-K's annual figure. Q4 is not derived by
 * subtracting the 9 months from the year: a figure here is one the company reported.
 */
const QUARTER_DAYS = { min: 80, max: 100 } as const;

/**
 * What each observation is built from, concepts in order of preference: for one filing (accn) and
 * period, the first concept present wins, and the observation names it. ifrs-full concepts come last,
 * for a filer that reports under IFRS in USD.
 */
const METRICS: readonly Metric[] = [
  {
    period: 'instant', unit: 'USD',
    concepts: ['us-gaap:CashAndCashEquivalentsAtCarryingValue', 'us-gaap:Cash', 'us-gaap:CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents', 'ifrs-full:CashAndCashEquivalents'],
    build: (p, cashUsd) => ({ ...p, kind: 'company-cash', cashUsd }),
  },
  {
    // One of them: a filer reporting current and noncurrent restricted cash separately gives its total only under RestrictedCash.
    period: 'instant', unit: 'USD',
    concepts: ['us-gaap:RestrictedCash', 'us-gaap:RestrictedCashCurrent', 'us-gaap:RestrictedCashNoncurrent', 'ifrs-full:RestrictedCashAndCashEquivalents'],
    build: (p, restrictedCashUsd) => ({ ...p, kind: 'company-restricted-cash', restrictedCashUsd }),
  },
  {
    // Convertible notes come after the long-term debt concepts: for a filer whose only debt is its convertibles, they are its debt.
    period: 'instant', unit: 'USD',
    concepts: ['us-gaap:LongTermDebt', 'us-gaap:LongTermDebtNoncurrent', 'us-gaap:ConvertibleNotesPayable', 'us-gaap:ConvertibleDebtNoncurrent', 'ifrs-full:Borrowings', 'ifrs-full:LongtermBorrowings'],
    build: (p, debtUsd) => ({ ...p, kind: 'company-debt', debtUsd }),
  },
  {
    period: 'instant', unit: 'USD',
    concepts: ['us-gaap:ConvertibleNotesPayable', 'us-gaap:ConvertibleDebtNoncurrent', 'us-gaap:ConvertibleNotesPayableCurrent'],
    build: (p, convertibleNotesUsd) => ({ ...p, kind: 'company-convertible-notes', convertibleNotesUsd }),
  },
  {
    period: 'instant', unit: 'shares',
    concepts: ['dei:EntityCommonStockSharesOutstanding', 'us-gaap:CommonStockSharesOutstanding'],
    build: (p, sharesOutstanding) => ({ ...p, kind: 'company-shares-outstanding', sharesOutstanding }),
  },
  {
    period: 'instant', unit: 'USD',
    concepts: ['us-gaap:CryptoAssetFairValue', 'us-gaap:CryptoAssetFairValueNoncurrent', 'us-gaap:CryptoAssetFairValueCurrent'],
    build: (p, digitalAssetsUsd) => ({ ...p, kind: 'company-digital-assets', digitalAssetsUsd }),
  },
  {
    period: 'quarter', unit: 'USD',
    concepts: ['us-gaap:Revenues', 'us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax', 'ifrs-full:Revenue', 'ifrs-full:RevenueFromContractsWithCustomers'],
    build: (p, revenueUsdInPeriod) => ({ ...p, kind: 'company-revenue', revenueUsdInPeriod }),
  },
  {
    // Excluding depreciation first: the profile counts depreciation on its own line, so a cost of revenue
    // that includes it would count it twice.
    period: 'quarter', unit: 'USD',
    concepts: ['us-gaap:CostOfGoodsAndServiceExcludingDepreciationDepletionAndAmortization', 'us-gaap:CostOfRevenue', 'us-gaap:CostOfGoodsAndServicesSold', 'ifrs-full:CostOfSales'],
    build: (p, costOfRevenueUsdInPeriod) => ({ ...p, kind: 'company-cost-of-revenue', costOfRevenueUsdInPeriod }),
  },
  {
    period: 'quarter', unit: 'USD',
    concepts: ['us-gaap:DepreciationDepletionAndAmortization', 'us-gaap:DepreciationAndAmortization', 'us-gaap:Depreciation', 'ifrs-full:DepreciationAndAmortisationExpense'],
    build: (p, depreciationUsdInPeriod) => ({ ...p, kind: 'company-depreciation', depreciationUsdInPeriod }),
  },
  {
    period: 'quarter', unit: 'USD',
    concepts: ['us-gaap:ShareBasedCompensation', 'us-gaap:AllocatedShareBasedCompensationExpense', 'ifrs-full:AdjustmentsForSharebasedPayments'],
    build: (p, sbcUsdInPeriod) => ({ ...p, kind: 'company-sbc', sbcUsdInPeriod }),
  },
  {
    period: 'quarter', unit: 'USD',
    concepts: ['us-gaap:SellingGeneralAndAdministrativeExpense', 'us-gaap:GeneralAndAdministrativeExpense', 'ifrs-full:SellingGeneralAndAdministrativeExpense', 'ifrs-full:AdministrativeExpense'],
    build: (p, sgaUsdInPeriod) => ({ ...p, kind: 'company-sga', sgaUsdInPeriod }),
  },
  {
    period: 'quarter', unit: 'USD',
    concepts: ['us-gaap:InterestExpense', 'us-gaap:InterestExpenseDebt', 'us-gaap:InterestExpenseNonoperating', 'ifrs-full:InterestExpense'],
    build: (p, interestExpenseUsdInPeriod) => ({ ...p, kind: 'company-interest-expense', interestExpenseUsdInPeriod }),
  },
  {
    period: 'quarter', unit: 'USD',
    concepts: ['us-gaap:PaymentsToAcquirePropertyPlantAndEquipment', 'us-gaap:PaymentsToAcquireProductiveAssets', 'ifrs-full:PurchaseOfPropertyPlantAndEquipmentClassifiedAsInvestingActivities'],
    build: (p, capexUsdInPeriod) => ({ ...p, kind: 'company-capex', capexUsdInPeriod }),
  },
  {
    period: 'quarter', unit: 'USD', signed: true,
    concepts: ['us-gaap:NetIncomeLoss', 'ifrs-full:ProfitLossAttributableToOwnersOfParent', 'ifrs-full:ProfitLoss'],
    build: (p, netIncomeUsdInPeriod) => ({ ...p, kind: 'company-net-income', netIncomeUsdInPeriod }),
  },
];

const CONTACT = /[^\s@()<>]+@[^\s@()<>]+\.[a-z]{2,}/i;
const ACCESSION = /^\d{10}-\d{2}-\d{6}$/;
const MS_PER_DAY = 86_400_000;

/** A fact read from companyfacts, waiting for its filing's acceptance time. */
interface PendingFact {
  accn: string;
  filed: string;
  complete: (knownAt: KnownAt) => CompanyFactObservation;
}

/**
 * Facts from SEC EDGAR XBRL companyfacts (services/ingest/README.md, "SEC EDGAR (company filings)"):
 * `GET /api/xbrl/companyfacts/CIK##########.json`. Extracts balance-sheet instants (cash, restricted
 * cash, debt, convertible notes, shares outstanding, crypto assets at fair value) and quarterly
 * income and cash-flow figures (see METRICS), every reported period, each with `end`, `filed`,
 * `accn`, `form`. `knownAt` is the filing's acceptance time from `GET /submissions/CIK##########.json`
 * (fetched once per company and poll), so point-in-time joins can ask "what was known at instant X".
 * The SEC requires a User-Agent with a contact (checked at construction) and blocks clients above 10
 * requests a second for about ten minutes, hence the spacing between requests and the default
 * backoff of 10 min up to 1 h. Default poll: every 6 hours.
 */
export class SecEdgarCompanyFactsAdapter extends PollingAdapter {
  private readonly companies: { ticker: string; cik: string }[];
  private readonly sinceEnd?: string;
  private readonly requestSpacingMs: number;
  private lastRequestAtMs = 0;

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
    const spacing = config.requestSpacingMs ?? 150;
    if (!Number.isInteger(spacing) || spacing < 0) throw AdapterException.config('requestSpacingMs', 'must be a whole number of milliseconds, 0 or more');
    this.requestSpacingMs = spacing;
  }

  protected async collect(_now: Date, sink: PollSink): Promise<void> {
    for (const { ticker, cik } of this.companies) {
      try {
        const facts = this.extract(ticker, cik, requireObject('companyfacts', await this.getJson(`api/xbrl/companyfacts/CIK${cik}.json`)), sink);
        if (facts.length === 0) {
          sink.issue({ code: AdapterExceptionCode.EMPTY_RESPONSE, key: ticker, message: `CIK${cik}: none of the tracked concepts${this.sinceEnd ? ` since ${this.sinceEnd}` : ''}` });
          continue;
        }
        const accepted = await this.acceptanceTimes(ticker, cik, sink);
        sink.add(...facts.map((fact) => fact.complete(knownAtOf(fact, accepted))));
      } catch (error) {
        if (!isUnknownCik(error) && !isEntityLevelError(error)) throw error;
        sink.issueFrom(error as AdapterException, ticker);
      }
    }
  }

  /** One request, at least `requestSpacingMs` after the previous one (SEC fair access). */
  private async getJson(path: string): Promise<unknown> {
    const waitMs = this.lastRequestAtMs + this.requestSpacingMs - Date.now();
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    try {
      return (await this.http.getJson(path)).json;
    } finally {
      this.lastRequestAtMs = Date.now();
    }
  }

  /**
   * Accession number → acceptance time, from the submissions index's `filings.recent` (parallel
   * arrays). A company whose index cannot be read keeps its facts, dated by their filing dates, and
   * gets an issue; throttling and transport errors fail the poll (backoff) like any request.
   */
  private async acceptanceTimes(ticker: string, cik: string, sink: PollSink): Promise<ReadonlyMap<string, Date>> {
    try {
      const body = requireObject('submissions', await this.getJson(`submissions/CIK${cik}.json`));
      if (body.cik !== undefined && Number(body.cik) !== Number(cik)) {
        throw new AdapterException(AdapterExceptionCode.PROVIDER_ERROR, `submissions: asked for CIK${cik}, got ${String(body.cik)}`, { field: 'cik' });
      }
      return readAcceptanceTimes(requireObject('filings', body.filings), ticker, sink);
    } catch (error) {
      if (!isUnknownCik(error) && !isEntityLevelError(error)) throw error;
      sink.issueFrom(error as AdapterException, ticker);
      return new Map();
    }
  }

  private extract(ticker: string, cik: string, body: Record<string, unknown>, sink: PollSink): PendingFact[] {
    const reportedCik = parseInteger('cik', body.cik, 1);
    if (reportedCik !== Number(cik)) throw new AdapterException(AdapterExceptionCode.PROVIDER_ERROR, `asked for CIK${cik}, got ${reportedCik}`, { field: 'cik' });
    const facts = requireObject('facts', body.facts ?? {});
    const pending: PendingFact[] = [];
    for (const metric of METRICS) {
      const chosen = new Set<string>(); // `${accn}|${start}|${end}` already supplied by a preferred concept (or this one)
      for (const concept of metric.concepts) {
        const [taxonomy, tag] = concept.split(':');
        factsFor(facts, taxonomy, tag, metric.unit).forEach((entry, i) => {
          const field = `facts.${taxonomy}.${tag}.units.${metric.unit}[${i}]`;
          try {
            const fact = this.readFact(metric, { ticker, cik, concept, field }, requireObject(field, entry), chosen);
            if (fact) pending.push(fact);
          } catch (error) {
            if (!isEntityLevelError(error)) throw error;
            sink.issueFrom(error, ticker);
          }
        });
      }
    }
    return pending;
  }

  /**
   * One fact of one concept, claiming its filing and period in `chosen`; undefined when it is not the
   * metric's kind of period, before sinceEnd, or a preferred concept already gave that filing and period.
   */
  private readFact(
    metric: Metric,
    at: { ticker: string; cik: string; concept: string; field: string },
    fact: Record<string, unknown>,
    chosen: Set<string>,
  ): PendingFact | undefined {
    const { field } = at;
    if ((metric.period === 'instant') !== (fact.start === undefined)) return undefined; // an instant where a period is wanted, or the reverse
    const end = parseIsoDate(`${field}.end`, fact.end);
    const start = metric.period === 'quarter' ? parseIsoDate(`${field}.start`, fact.start) : undefined;
    if (start !== undefined && !isQuarter(`${field}.start`, start, end)) return undefined;
    if (this.sinceEnd && end < this.sinceEnd) return undefined;
    const accn = requireText(`${field}.accn`, fact.accn, ACCESSION);
    const slot = `${accn}|${start ?? ''}|${end}`;
    if (chosen.has(slot)) return undefined;
    const base = {
      source: this.source,
      key: at.ticker,
      eventTime: utcMidnight(end),
      cik: at.cik,
      concept: at.concept,
      end,
      filed: parseIsoDate(`${field}.filed`, fact.filed),
      accn,
      form: requireText(`${field}.form`, fact.form),
      fy: fact.fy === null || fact.fy === undefined ? null : parseInteger(`${field}.fy`, fact.fy, 1990, 2200),
      fp: fact.fp === null || fact.fp === undefined ? null : requireText(`${field}.fp`, fact.fp),
    };
    const value = readValue(metric, `${field}.val`, fact.val);
    chosen.add(slot);
    const complete = (knownAt: KnownAt): CompanyFactObservation =>
      metric.period === 'quarter' ? metric.build({ ...base, start: start as string, ...knownAt }, value) : metric.build({ ...base, ...knownAt }, value);
    return { accn, filed: base.filed, complete };
  }
}

function readValue(metric: Metric, field: string, raw: unknown): number {
  const value = metric.unit === 'shares' ? parseInteger(field, raw, 1) : parseDecimal(field, raw);
  if (!metric.signed && value < 0) throw AdapterException.invalidField(field, 'must be 0 or more', raw);
  return value;
}

/** True for a 3-month period; a start after the end is a bad value. */
function isQuarter(field: string, start: string, end: string): boolean {
  const periodDays = (Date.parse(end) - Date.parse(start)) / MS_PER_DAY + 1;
  if (periodDays < 1) throw AdapterException.invalidField(field, `must not be after end ${end}`, start);
  return periodDays >= QUARTER_DAYS.min && periodDays <= QUARTER_DAYS.max;
}

/**
 * The `recent` block of the submissions index: `accessionNumber[i]` was accepted at
 * `acceptanceDateTime[i]`. A value that cannot be read is an issue naming its field; that filing's
 * facts then fall back to their filing date.
 */
function readAcceptanceTimes(filings: Record<string, unknown>, ticker: string, sink: PollSink): Map<string, Date> {
  const recent = requireObject('filings.recent', filings.recent);
  const accessions = requireArray('filings.recent.accessionNumber', recent.accessionNumber);
  const acceptances = requireArray('filings.recent.acceptanceDateTime', recent.acceptanceDateTime);
  if (accessions.length !== acceptances.length) {
    throw new AdapterException(AdapterExceptionCode.MALFORMED_BODY, `filings.recent: ${accessions.length} accession numbers but ${acceptances.length} acceptance times`, { field: 'filings.recent' });
  }
  const times = new Map<string, Date>();
  accessions.forEach((accession, i) => {
    try {
      const accn = requireText(`filings.recent.accessionNumber[${i}]`, accession, ACCESSION);
      times.set(accn, parseIsoInstant(`filings.recent.acceptanceDateTime[${i}]`, acceptances[i]));
    } catch (error) {
      if (!isEntityLevelError(error)) throw error;
      sink.issueFrom(error, ticker);
    }
  });
  return times;
}

/** The acceptance time of the fact's filing; a filing not in the recent list is dated 00:00 UTC of its filing date. */
function knownAtOf(fact: PendingFact, accepted: ReadonlyMap<string, Date>): KnownAt {
  const acceptedAt = accepted.get(fact.accn);
  const basis: KnownAtBasis = acceptedAt ? 'acceptance-time' : 'filed-date';
  return { knownAt: acceptedAt ?? utcMidnight(fact.filed), knownAtBasis: basis };
}

/** An unknown CIK answers 404 (NoSuchKey): a problem with that company, not with EDGAR. */
function isUnknownCik(error: unknown): boolean {
  return error instanceof AdapterException && error.code === AdapterExceptionCode.HTTP_ERROR && error.status === 404;
}

function factsFor(facts: Record<string, unknown>, taxonomy: string, tag: string, unit: string): unknown[] {
  const inTaxonomy = facts[taxonomy];
  if (inTaxonomy === undefined) return [];
  const concept = requireObject(`facts.${taxonomy}`, inTaxonomy)[tag];
  if (concept === undefined) return [];
  const units = requireObject(`facts.${taxonomy}.${tag}.units`, requireObject(`facts.${taxonomy}.${tag}`, concept).units);
  return units[unit] === undefined ? [] : requireArray(`facts.${taxonomy}.${tag}.units.${unit}`, units[unit]);
}
