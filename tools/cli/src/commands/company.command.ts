import { COMPANY_VALUATION_NAMES, companyMetrics, companyValuation, type CompanyMetrics, type CompanyValuation } from '@hashdesk/economics';
import type { CliCommand } from '../cli-command.interface';
import { kebabCase } from '../cli-flags.util';
import { formatNumber, renderKeyValueTable, type CliTableRow } from '../cli-output.util';
import { profileAndMarketFromHistory, HISTORY_FLAGS } from '../company-as-of.util';
import {
  COMPANY_ASSUMPTION_FLAGS,
  COMPANY_FLAG_FOR_FIELD,
  MARKET_FLAGS,
  PROFILE_FLAG,
  VALUATION_FLAGS,
  readCompanyAssumptions,
  readMarket,
  readProfile,
  readValuationAssumptions,
} from '../cli-company-flags.util';

/** One JSON object: run-rate metrics and valuation side by side, one missingInputs map for both. */
export function companyJson(metrics: CompanyMetrics, valuation: CompanyValuation): Record<string, unknown> {
  const { missingInputs, notMeaningful, assumptions, market, reportedCostsPerBtc, hpcContractsInRunRate, ...metricFields } = metrics;
  const valuationFields = Object.fromEntries(COMPANY_VALUATION_NAMES.map((name) => [name, valuation[name]]));
  return {
    ...metricFields,
    valuationDate: valuation.valuationDate,
    ...valuationFields,
    market,
    assumptions: { ...assumptions, ...valuation.assumptions.valuation },
    missingInputs: { ...missingInputs, ...valuation.missingInputs },
    notMeaningful: { ...notMeaningful, ...valuation.notMeaningful },
    reportedCostsPerBtc,
    hpcContractsInRunRate,
    hpcContracts: valuation.hpcContracts,
    excludedHpcContracts: valuation.excludedHpcContracts,
    miningDcf: valuation.miningDcf,
  };
}

const pct = (ratio: number | null) => (ratio === null ? null : ratio * 100);

/** A titled key/value block; unknown values print as '-' without a unit. */
export function section(title: string, rows: CliTableRow[]): string {
  const shown = rows.map((row) => (row.value === null ? { ...row, unit: undefined } : row));
  return `${title}\n${renderKeyValueTable(shown).replace(/^/gm, '  ')}`;
}

/** In text output, name the flag that fills an input: `assumptions.otherDirectCostUsdPerBtc` → `--other-direct-cost-usd-per-btc`. */
export function inputsAsFlags(inputs: readonly string[]): string {
  return inputs
    .map((entry) =>
      entry.replace(/\b(assumptions|market)\.(\w+)/g, (_, _scope: string, field: string) => `--${COMPANY_FLAG_FOR_FIELD[field] ?? kebabCase(field)}`),
    )
    .join(', ');
}

function companyText(m: CompanyMetrics, v: CompanyValuation): string {
  const basis = m.hashrateBasis === 'operating' ? 'operating' : m.hashrateBasis === null ? '' : `installed × uptime ${m.assumptions.uptime}`;
  const blocks = [
    `${m.ticker}  ${m.name}  (${m.periodLabel}, as of ${m.asOf}; ${m.methodologyVersion})`,
    section('market', [
      { label: 'BTC price', value: m.market.btcPriceUsd, unit: 'USD' },
      { label: 'difficulty', value: m.market.difficulty, digits: 8 },
      { label: 'reward per block', value: m.market.rewardBtcPerBlock, unit: 'BTC' },
      { label: 'network hashprice', value: m.market.hashpriceUsdPerPhDay, unit: '$/PH/day', digits: 5 },
      { label: 'share price', value: m.market.sharePriceUsd ?? undefined, unit: 'USD' },
    ]),
    section('production', [
      { label: `hashrate at work (${basis})`, value: m.hashrateAtWorkEhs, unit: 'EH/s' },
      { label: 'fleet power', value: m.fleetPowerMw, unit: 'MW' },
      { label: `power price (${m.powerPriceSource ?? 'unknown'})`, value: m.powerUsdPerKwh, unit: '$/kWh', digits: 4 },
      { label: 'BTC per day', value: m.btcPerDay, unit: 'BTC' },
      { label: 'mining revenue', value: m.miningRevenueUsdPerDay, unit: '$/day' },
      { label: 'realized hashprice', value: m.realizedHashpriceUsdPerPhDay, unit: '$/PH/day', digits: 5 },
    ]),
    section('cost per BTC (docs/methodology.md §4.1; not comparable across definitions)', [
      { label: 'power (net of credits)', value: m.powerCostPerBtcUsd, unit: 'USD' },
      { label: 'direct (Riot "Cost to Mine")', value: m.directCostPerBtcUsd, unit: 'USD' },
      { label: 'cash (CoinShares)', value: m.cashCostPerBtcUsd, unit: 'USD' },
      { label: 'all-in (TheMinerMag)', value: m.allInCostPerBtcUsd, unit: 'USD' },
      { label: 'total incl. non-cash', value: m.totalCostPerBtcUsd, unit: 'USD' },
      ...m.reportedCostsPerBtc.map((cost) => ({ label: `reported ${cost.definition} (${cost.asOf ?? 'undated'})`, value: cost.value, unit: 'USD' })),
    ]),
    section('hashcost and margin', [
      { label: 'power hashcost', value: m.powerHashcostUsdPerPhDay, unit: '$/PH/day', digits: 5 },
      { label: 'all-in hashcost', value: m.allInHashcostUsdPerPhDay, unit: '$/PH/day', digits: 5 },
      { label: 'power margin', value: pct(m.powerMarginRatio), unit: '%', digits: 4 },
      { label: 'direct (gross) margin', value: pct(m.directMarginRatio), unit: '%', digits: 4 },
      { label: 'all-in margin', value: pct(m.allInMarginRatio), unit: '%', digits: 4 },
      { label: 'shutdown BTC price', value: m.shutdownBtcPriceUsd, unit: 'USD' },
      { label: 'break-even BTC price (cash, incl. interest)', value: m.breakEvenBtcPriceUsd, unit: 'USD' },
    ]),
    section('run-rate (per year)', [
      { label: 'mining gross profit', value: m.miningGrossProfitUsdPerYear, unit: 'USD' },
      { label: 'HPC NOI (operating contracts)', value: m.hpcNoiUsdPerYear, unit: 'USD' },
      { label: 'SG&A ex-SBC', value: m.sgaExSbcUsdPerYear, unit: 'USD' },
      { label: 'EBITDA', value: m.ebitdaRunRateUsdPerYear, unit: 'USD' },
      { label: 'net cash flow', value: m.netCashFlowUsdPerMonth, unit: 'USD/month' },
      { label: 'liquidity', value: m.liquidityUsd, unit: 'USD' },
      { label: 'runway', value: m.liquidityRunwayMonths, unit: 'months', digits: 4 },
    ]),
    section('market value', [
      { label: 'BTC holdings', value: m.btcHoldingsUsd, unit: 'USD' },
      { label: 'market cap', value: m.marketCapUsd, unit: 'USD' },
      { label: 'EV (cap + debt − cash)', value: m.enterpriseValueUsd, unit: 'USD' },
      { label: 'EV net of BTC', value: m.enterpriseValueNetOfBtcUsd, unit: 'USD' },
      { label: 'EV / installed EH/s', value: m.evPerInstalledEhUsd, unit: 'USD' },
      { label: 'EV / operating EH/s', value: m.evPerOperatingEhUsd, unit: 'USD' },
      { label: 'mNAV basic', value: m.mNavBasic, digits: 4 },
      { label: 'mNAV EV-based', value: m.mNavEv, digits: 4 },
    ]),
    section(`sum of the parts (DCF ${v.assumptions.valuation.horizonMonths} months, discount ${formatNumber(v.assumptions.valuation.discountRatePerYear * 100)} %/yr, tax ${formatNumber(v.assumptions.valuation.taxRate * 100)} %)`, [
      { label: 'mining (DCF)', value: v.miningValueUsd, unit: 'USD' },
      { label: 'HPC (contracts)', value: v.hpcValueUsd, unit: 'USD' },
      { label: 'HPC implied EV per MW', value: v.impliedHpcEvPerMwUsd, unit: 'USD' },
      { label: 'HPC by EV/MW multiple', value: v.hpcValueByEvPerMwUsd ?? undefined, unit: 'USD' },
      { label: 'BTC holdings', value: v.btcHoldingsUsd, unit: 'USD' },
      { label: 'net debt', value: v.netDebtUsd, unit: 'USD' },
      { label: 'equity value', value: v.equityValueUsd, unit: 'USD' },
      { label: 'per share', value: v.equityValuePerShareUsd, unit: 'USD', digits: 5 },
      { label: 'vs share price', value: pct(v.upsideToSharePriceRatio), unit: '%', digits: 4 },
    ]),
  ];
  const unknown = [...Object.entries(m.missingInputs), ...Object.entries(v.missingInputs)].map(([name, inputs]) => `  ${name}: ${inputsAsFlags(inputs as string[])}`);
  const meaningless = [...Object.entries(m.notMeaningful), ...Object.entries(v.notMeaningful)].map(([name, reason]) => `  ${name}: ${reason}`);
  if (unknown.length > 0) blocks.push(`unknown (needs profile figures or flags; a|b = either, b+c = both)\n${unknown.join('\n')}`);
  if (meaningless.length > 0) blocks.push(`not meaningful\n${meaningless.join('\n')}`);
  return blocks.join('\n\n');
}

export const companyCommand: CliCommand = {
  name: 'company',
  summary: 'a miner\'s production, cost per BTC, hashcost, margins, EV, mNAV, runway and sum-of-the-parts value',
  usage: [
    '--ticker <T> --as-of <YYYY-MM-DD> [market flags to override the day\'s network history] [assumptions] [--json]',
    '--file <PROFILE.json> --price-usd <USD> --difficulty <D> (--height <H> | --subsidy-btc <BTC>) [fees]',
    '    [--share-price-usd <USD>] [--power-usd-per-kwh <$/kWh>] [assumptions] [valuation assumptions] [--json]',
  ].join('\n'),
  flags: { ...PROFILE_FLAG, ...HISTORY_FLAGS, ...MARKET_FLAGS, ...COMPANY_ASSUMPTION_FLAGS, ...VALUATION_FLAGS },
  flagForField: COMPANY_FLAG_FOR_FIELD,
  notes: [
    'With --ticker and --as-of the profile is the company history as known that day (sources published before it)',
    'and the market is that day\'s bundled network history unless a market flag is given.',
    'Unknown profile figures are never filled in: the metrics that need them are null and listed with',
    'their missing inputs (give a per-BTC assumption flag to fill an opex gap). Hashrate at work is the',
    'operating hashrate, else installed × --uptime. The DCF needs --height (it follows the halvings).',
    'Example: hashdesk company --file data/companies/riot.json --price-usd 113043 --difficulty 137.63e12 \\',
    '           --height 915000 --fees-btc-per-block 0.0268 --share-price-usd 15',
  ],
  run(flags) {
    const { profile, market } = flags['ticker'] !== undefined ? profileAndMarketFromHistory(flags) : { profile: readProfile(flags), market: readMarket(flags) };
    const company = readCompanyAssumptions(flags);
    const valuation = readValuationAssumptions(flags);
    const metrics = companyMetrics(profile, market, company);
    const value = companyValuation(profile, market, { company, valuation });
    return { json: companyJson(metrics, value), text: companyText(metrics, value) };
  },
};
