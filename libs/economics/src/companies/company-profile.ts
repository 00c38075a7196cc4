import type { CostPerBtcDefinition } from './cost-per-btc-definition';
import type { SourceQuality, SourcedFigure } from './sourced-figure';

/*
 * The company profile format, version 1 (JSON; schema in schemas/company-profile.schema.json,
 * documented in data/companies/README.md). Every number is a SourcedFigure: a value with its as-of
 * date and source, `value: null` when unknown.
 *
 * Absent vs null: an optional SECTION that is absent (`hosting`, `preferredEquityUsd`) means the
 * compiled sources show none; a figure whose value is null means it exists but was not found.
 * Amounts "InPeriod" cover `period.startDate` … `period.endDate` (usually a quarter).
 */

export const COMPANY_PROFILE_SCHEMA_VERSION = 1;

export interface ReportingPeriod {
  /** As the company names it: "Q3 2025", "Fiscal Q4 FY2025". */
  readonly label: string;
  /** ISO dates, inclusive; flow figures ("…InPeriod") cover these days. */
  readonly startDate: string;
  readonly endDate: string;
}

export interface FleetSection {
  /** Installed / deployed / energized self-mining hashrate (the company's own term is in the note). */
  readonly installedHashrateEhs: SourcedFigure;
  /** Average (or period-end) operating hashrate: already net of downtime and curtailment. */
  readonly operatingHashrateEhs: SourcedFigure;
  /** Fleet average J/TH (= W per TH/s = MW per EH/s), power-weighted. */
  readonly efficiencyJth: SourcedFigure;
  /** Power capacity as the company defines it (approved, contracted, under management): see note. */
  readonly powerCapacityMw: SourcedFigure;
}

/** What an average power price includes: power cost definitions differ between companies (docs/methodology.md §4.1). */
export type PowerPriceBasis = 'all-in-net-of-credits' | 'all-in' | 'owned-sites' | 'unknown';

export const POWER_PRICE_BASES: readonly PowerPriceBasis[] = ['all-in-net-of-credits', 'all-in', 'owned-sites', 'unknown'];

export type PowerContractKind = 'fixed-price' | 'index' | 'ppa' | 'unknown';

export const POWER_CONTRACT_KINDS: readonly PowerContractKind[] = ['fixed-price', 'index', 'ppa', 'unknown'];

export interface PowerContract {
  readonly name: string;
  readonly kind: PowerContractKind;
  readonly capacityMw: SourcedFigure;
  readonly priceUsdPerKwh: SourcedFigure;
  readonly termYears: SourcedFigure;
  readonly note?: string | null;
  /** Last day the contract runs (ISO), when published: after it the contract's price no longer applies. */
  readonly endDate?: string | null;
}

export interface PowerSection {
  /** Average electricity price of self-mining, $/kWh (1 c/kWh = 0.01). */
  readonly averagePriceUsdPerKwh: SourcedFigure;
  readonly priceBasis: PowerPriceBasis;
  /** Power curtailment + demand-response credits earned in the period, USD. Subtracted from the power cost when the profile's price is not already net of them (not with a market override). */
  readonly creditsUsdInPeriod: SourcedFigure;
  /** Share of installed hashrate-hours curtailed in the period, 0–1. */
  readonly curtailmentRatio: SourcedFigure;
  /** Site contracts; used for the price (MW-weighted) when no average price is known. */
  readonly contracts: readonly PowerContract[];
}

/** A cost per BTC as the company (or an analyst) published it, with its definition. */
export interface ReportedCostPerBtc extends SourcedFigure {
  readonly definition: CostPerBtcDefinition;
}

export interface ProductionSection {
  /** BTC mined (self-mining, net of pool fees where stated) in the period. */
  readonly btcProducedInPeriod: SourcedFigure;
  readonly btcSoldInPeriod?: SourcedFigure;
  readonly reportedCostsPerBtc: readonly ReportedCostPerBtc[];
}

/** Operating costs in the period, USD. The split follows docs/methodology.md §4.1. */
export interface OpexSection {
  /** Cost of power for self-mining, gross of credits (for historical cost per BTC). */
  readonly powerCostUsdInPeriod: SourcedFigure;
  /** Other direct cost of revenue: compensation, insurance, repairs, ground lease, property tax, hosting fees paid. */
  readonly otherDirectCostUsdInPeriod: SourcedFigure;
  /** SG&A excluding stock-based compensation and depreciation. */
  readonly sgaExSbcUsdInPeriod: SourcedFigure;
  readonly interestExpenseUsdInPeriod: SourcedFigure;
  readonly depreciationUsdInPeriod: SourcedFigure;
  readonly sbcUsdInPeriod: SourcedFigure;
  /** Cost of revenue excluding depreciation as reported (all segments). */
  readonly costOfRevenueUsdInPeriod?: SourcedFigure;
  /** SG&A as reported, including SBC. */
  readonly sgaUsdInPeriod?: SourcedFigure;
}

/** Revenue in the period by segment (optional section; the company history fills it). */
export interface RevenueSection {
  readonly totalUsdInPeriod: SourcedFigure;
  readonly miningUsdInPeriod: SourcedFigure;
  readonly hostingUsdInPeriod: SourcedFigure;
  readonly hpcUsdInPeriod: SourcedFigure;
}

/** Results in the period; a loss is negative. */
export interface IncomeSection {
  readonly netIncomeUsdInPeriod: SourcedFigure;
  readonly adjustedEbitdaUsdInPeriod: SourcedFigure;
}

export interface CapexSection {
  readonly capexUsdInPeriod: SourcedFigure;
}

/** A sourced record (site, convertible note) read from one publication. */
export interface SourcedRecord {
  readonly knownAt: string;
  readonly source: string;
  readonly sourceQuality: 'primary' | 'secondary';
  readonly excerpt: string;
  readonly [key: string]: unknown;
}

/** Bitcoin-mining hosting for customers (not AI/HPC). */
export interface HostingSection {
  readonly hostedHashrateEhs: SourcedFigure;
  readonly revenueUsdInPeriod: SourcedFigure;
  readonly costUsdInPeriod: SourcedFigure;
}

/** A capacity lease is priced per kW-month; a GPU cloud service contract is not (no $/kW-month). */
export type HpcContractType = 'colocation-lease' | 'cloud-service';

export const HPC_CONTRACT_TYPES: readonly HpcContractType[] = ['colocation-lease', 'cloud-service'];

/** `operating`: rent recognised (counts in the EBITDA run-rate); `ramping`: partly delivered; `contracted`: signed, not yet delivering. */
export type HpcContractPhase = 'operating' | 'ramping' | 'contracted';

export const HPC_CONTRACT_PHASES: readonly HpcContractPhase[] = ['operating', 'ramping', 'contracted'];

export interface HpcContract {
  readonly counterparty: string;
  readonly contractType: HpcContractType;
  readonly phase: HpcContractPhase;
  /** Free text from the source ("signed; Lake Mariner"). */
  readonly status: string;
  /** Announcement date (ISO) or null. */
  readonly announced: string | null;
  /** Critical-IT MW (power to servers); see capacityBasis when the source says otherwise. */
  readonly criticalItMw: SourcedFigure;
  readonly capacityBasis: string;
  readonly termYears: SourcedFigure;
  /** Total contract value over the term (TCV), USD. */
  readonly contractValueUsd: SourcedFigure;
  /** Average revenue per kW-month over the term, TCV / (years·12·MW·1000); null for cloud-service contracts. */
  readonly usdPerKwMonth: SourcedFigure;
  /** Site NOI ÷ revenue, 0–1. */
  readonly noiMarginRatio: SourcedFigure;
  /** Annual rent escalator, e.g. 0.03. */
  readonly annualEscalatorRatio: SourcedFigure;
  /** First month of rent (ISO date). */
  readonly rentStartDate: SourcedFigure<string>;
  /** Build capex still to spend for this contract, USD. */
  readonly remainingBuildCapexUsd: SourcedFigure;
  readonly source: string | null;
  readonly sourceQuality?: SourceQuality | null;
  readonly note?: string | null;
}

export interface BalanceSheetSection {
  /** Including restricted, loaned or pledged coins where the note says so. */
  readonly btcHeld: SourcedFigure;
  readonly cashUsd: SourcedFigure;
  /** Total debt (principal or carrying amount, see note), including convertible notes. */
  readonly totalDebtUsd: SourcedFigure;
  /** Convertible notes principal (part of total debt); informative. */
  readonly convertibleNotesUsd: SourcedFigure;
  /** Absent: none. Counted in net debt and the EV variants. */
  readonly preferredEquityUsd?: SourcedFigure;
  readonly sharesOutstanding: SourcedFigure;
  readonly restrictedCashUsd?: SourcedFigure;
  /** Of btcHeld, pledged, loaned or restricted coins. */
  readonly btcPledgedOrLoaned?: SourcedFigure;
}

export interface CompanyProfile {
  readonly schemaVersion: typeof COMPANY_PROFILE_SCHEMA_VERSION;
  readonly ticker: string;
  readonly name: string;
  readonly period: ReportingPeriod;
  /** End of the reporting period (ISO date). Individual figures carry their own asOf. */
  readonly asOf: string;
  readonly fleet: FleetSection;
  readonly power: PowerSection;
  readonly production: ProductionSection;
  readonly opex: OpexSection;
  readonly hosting?: HostingSection;
  readonly hpcContracts: readonly HpcContract[];
  readonly balanceSheet: BalanceSheetSection;
  readonly notes?: string | null;
  /** When this version became usable (ISO time); absent: the period end. */
  readonly knownAt?: string;
  /** Last day the shares traded (acquired, delisted): the company is not valued after it. */
  readonly delistedOn?: string | null;
  readonly revenue?: RevenueSection;
  readonly income?: IncomeSection;
  readonly capex?: CapexSection;
  /** Sites with their power region. */
  readonly sites?: readonly SourcedRecord[];
  readonly convertibles?: readonly SourcedRecord[];
}
