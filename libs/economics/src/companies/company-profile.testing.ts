// Test helper: builds company profiles with round numbers for hand-checked specs. Only *.spec.ts files import this.
import type { CompanyProfile, HpcContract } from './company-profile';
import type { SourcedFigure } from './sourced-figure';

export function fig(value: number | null, note?: string): SourcedFigure {
  return value === null ? { value: null, asOf: null, source: null } : { value, asOf: '2025-Q3', source: 'test fixture', sourceQuality: 'primary', ...(note && { note }) };
}

export interface SyntheticProfileOptions {
  installedHashrateEhs?: number | null;
  operatingHashrateEhs?: number | null;
  efficiencyJth?: number | null;
  powerUsdPerKwh?: number | null;
  priceBasis?: CompanyProfile['power']['priceBasis'];
  creditsUsdInPeriod?: number | null;
  curtailmentRatio?: number | null;
  otherDirectCostUsdInPeriod?: number | null;
  sgaExSbcUsdInPeriod?: number | null;
  interestExpenseUsdInPeriod?: number | null;
  depreciationUsdInPeriod?: number | null;
  sbcUsdInPeriod?: number | null;
  btcHeld?: number | null;
  cashUsd?: number | null;
  totalDebtUsd?: number | null;
  sharesOutstanding?: number | null;
  hpcContracts?: HpcContract[];
}

/** A miner with a 92-day period (Q3 2025) and round figures; any field can be overridden or set to null. */
export function syntheticProfile(options: SyntheticProfileOptions = {}): CompanyProfile {
  const o = {
    installedHashrateEhs: 10,
    operatingHashrateEhs: 9,
    efficiencyJth: 20,
    powerUsdPerKwh: 0.05,
    priceBasis: 'all-in' as const,
    creditsUsdInPeriod: null,
    curtailmentRatio: null,
    otherDirectCostUsdInPeriod: 9_200_000,
    sgaExSbcUsdInPeriod: 18_400_000,
    interestExpenseUsdInPeriod: 4_600_000,
    depreciationUsdInPeriod: 46_000_000,
    sbcUsdInPeriod: 9_200_000,
    btcHeld: 1_000,
    cashUsd: 100_000_000,
    totalDebtUsd: 300_000_000,
    sharesOutstanding: 100_000_000,
    hpcContracts: [],
    ...options,
  };
  return {
    schemaVersion: 1,
    ticker: 'TEST',
    name: 'Test Miner Inc.',
    period: { label: 'Q3 2025', startDate: '2025-07-01', endDate: '2025-09-30' },
    asOf: '2025-09-30',
    fleet: {
      installedHashrateEhs: fig(o.installedHashrateEhs),
      operatingHashrateEhs: fig(o.operatingHashrateEhs),
      efficiencyJth: fig(o.efficiencyJth),
      powerCapacityMw: fig(300),
    },
    power: {
      averagePriceUsdPerKwh: fig(o.powerUsdPerKwh),
      priceBasis: o.priceBasis,
      creditsUsdInPeriod: fig(o.creditsUsdInPeriod),
      curtailmentRatio: fig(o.curtailmentRatio),
      contracts: [],
    },
    production: { btcProducedInPeriod: fig(1_000), reportedCostsPerBtc: [] },
    opex: {
      powerCostUsdInPeriod: fig(null),
      otherDirectCostUsdInPeriod: fig(o.otherDirectCostUsdInPeriod),
      sgaExSbcUsdInPeriod: fig(o.sgaExSbcUsdInPeriod),
      interestExpenseUsdInPeriod: fig(o.interestExpenseUsdInPeriod),
      depreciationUsdInPeriod: fig(o.depreciationUsdInPeriod),
      sbcUsdInPeriod: fig(o.sbcUsdInPeriod),
    },
    hpcContracts: o.hpcContracts,
    balanceSheet: {
      btcHeld: fig(o.btcHeld),
      cashUsd: fig(o.cashUsd),
      totalDebtUsd: fig(o.totalDebtUsd),
      convertibleNotesUsd: fig(null),
      sharesOutstanding: fig(o.sharesOutstanding),
    },
  };
}

/** A colocation lease: TCV over a term on critical-IT MW, with optional fields. */
export function lease(options: Partial<Record<'tcvUsd' | 'termYears' | 'mw' | 'noiMarginRatio' | 'escalator' | 'capexUsd', number | null>> & { phase?: HpcContract['phase']; contractType?: HpcContract['contractType']; rentStartDate?: string } = {}): HpcContract {
  const tcvUsd = options.tcvUsd === undefined ? 3_700_000_000 : options.tcvUsd;
  const termYears = options.termYears === undefined ? 10 : options.termYears;
  const mw = options.mw === undefined ? 200 : options.mw;
  return {
    counterparty: 'Tenant',
    contractType: options.contractType ?? 'colocation-lease',
    phase: options.phase ?? 'operating',
    status: 'test',
    announced: null,
    criticalItMw: fig(mw),
    capacityBasis: 'critical IT',
    termYears: fig(termYears),
    contractValueUsd: fig(tcvUsd),
    usdPerKwMonth: fig(null),
    noiMarginRatio: fig(options.noiMarginRatio ?? null),
    annualEscalatorRatio: fig(options.escalator ?? null),
    rentStartDate: options.rentStartDate ? { value: options.rentStartDate, asOf: '2025-09', source: 'test fixture' } : { value: null, asOf: null, source: null },
    remainingBuildCapexUsd: fig(options.capexUsd ?? null),
    source: 'test fixture',
  };
}
