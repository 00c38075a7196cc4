/**
 * The figures a company history records (data/companies/history/FORMAT.md), each with its unit and
 * whether it is a flow over the period (…InPeriod) or a level at a day.
 */
export interface HistoryFieldSpec {
  unit: string;
  /** A flow covers its period; a level is a balance or state at a day. */
  flow: boolean;
  /** Negative values are meaningful (a net loss). */
  signed?: boolean;
}

export const HISTORY_FIELDS: Readonly<Record<string, HistoryFieldSpec>> = {
  'fleet.installedHashrateEhs': { unit: 'EH/s', flow: false },
  'fleet.operatingHashrateEhs': { unit: 'EH/s', flow: false },
  'fleet.efficiencyJth': { unit: 'J/TH', flow: false },
  'fleet.powerCapacityMw': { unit: 'MW', flow: false },
  'production.btcProducedInPeriod': { unit: 'BTC', flow: true },
  'production.btcSoldInPeriod': { unit: 'BTC', flow: true },
  'production.reportedCostPerBtc': { unit: 'USD/BTC', flow: true },
  'balanceSheet.btcHeld': { unit: 'BTC', flow: false },
  'balanceSheet.btcPledgedOrLoaned': { unit: 'BTC', flow: false },
  'power.averagePriceUsdPerKwh': { unit: 'USD/kWh', flow: true },
  'power.creditsUsdInPeriod': { unit: 'USD', flow: true },
  'revenue.totalUsdInPeriod': { unit: 'USD', flow: true },
  'revenue.miningUsdInPeriod': { unit: 'USD', flow: true },
  'revenue.hostingUsdInPeriod': { unit: 'USD', flow: true },
  'revenue.hpcUsdInPeriod': { unit: 'USD', flow: true },
  'opex.costOfRevenueUsdInPeriod': { unit: 'USD', flow: true },
  'opex.powerCostUsdInPeriod': { unit: 'USD', flow: true },
  'opex.sgaUsdInPeriod': { unit: 'USD', flow: true },
  'opex.sbcUsdInPeriod': { unit: 'USD', flow: true },
  'opex.sgaExSbcUsdInPeriod': { unit: 'USD', flow: true },
  'opex.depreciationUsdInPeriod': { unit: 'USD', flow: true },
  'opex.interestExpenseUsdInPeriod': { unit: 'USD', flow: true },
  'capex.capexUsdInPeriod': { unit: 'USD', flow: true },
  'income.netIncomeUsdInPeriod': { unit: 'USD', flow: true, signed: true },
  'income.adjustedEbitdaUsdInPeriod': { unit: 'USD', flow: true, signed: true },
  'balanceSheet.cashUsd': { unit: 'USD', flow: false },
  'balanceSheet.restrictedCashUsd': { unit: 'USD', flow: false },
  'balanceSheet.totalDebtUsd': { unit: 'USD', flow: false },
  'balanceSheet.convertibleNotesUsd': { unit: 'USD', flow: false },
  'balanceSheet.sharesOutstanding': { unit: 'shares', flow: false },
  'market.sharePriceUsd': { unit: 'USD/share', flow: false },
};

export const COST_DEFINITIONS = ['power', 'direct', 'cash', 'all-in', 'total'] as const;
