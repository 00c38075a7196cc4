import { findAsicModel, hashpriceBtcPerPhDay, machineEconomics, type AsicModelSpec } from '@hashdesk/economics';
import type { CliCommand } from '../cli-command.interface';
import { numberFlag, oneOfFlags, optionalNumberFlag, stringFlag } from '../cli-flags.util';
import { renderKeyValueTable } from '../cli-output.util';
import { CliUsageError } from '../cli-usage.error';
import { DIFFICULTY_FLAG, FEE_FLAGS, NETWORK_FLAG_FOR_FIELD, PRICE_FLAG, SUBSIDY_FLAGS, readNetworkState } from '../cli-network-flags.util';

const NETWORK_ONLY_FLAGS = ['difficulty', 'height', 'subsidy-btc', 'fees-btc-per-block', 'fee-share', 'fee-to-subsidy-ratio', 'price-usd'];

export const machineCommand: CliCommand = {
  name: 'machine',
  summary: 'daily revenue, power cost, profit, break-evens and payback of one ASIC',
  usage: [
    '(--model <NAME> | --hashrate-ths <TH/s> --power-w <W>) --power-usd-per-kwh <$/kWh>',
    '    (--hashprice-usd-per-ph-day <$> | --difficulty <D> --price-usd <USD> (--height <H> | --subsidy-btc <BTC>) [fees])',
    '    [--uptime <0..1>] [--pool-fee <0..1>] [--capex-usd <USD>] [--json]',
  ].join('\n'),
  flags: {
    model: { type: 'string', placeholder: '<NAME>', description: 'ASIC model from the catalog, case-insensitive (e.g. "Antminer S21 XP")' },
    'hashrate-ths': { type: 'string', placeholder: '<TH/s>', description: 'machine hashrate in TH/s (instead of --model)' },
    'power-w': { type: 'string', placeholder: '<W>', description: 'power at the wall in W (with --hashrate-ths)' },
    'power-usd-per-kwh': { type: 'string', placeholder: '<$/kWh>', description: 'electricity price in USD per kWh (0.05 = 5 c/kWh)' },
    'hashprice-usd-per-ph-day': { type: 'string', placeholder: '<$>', description: 'USD hashprice per PH/s per day (instead of the network flags)' },
    ...DIFFICULTY_FLAG,
    ...PRICE_FLAG,
    ...SUBSIDY_FLAGS,
    ...FEE_FLAGS,
    uptime: { type: 'string', placeholder: '<0..1>', description: 'share of the day the machine runs; default 1' },
    'pool-fee': { type: 'string', placeholder: '<0..1>', description: 'pool fee as a ratio (0.02 = 2 %); default 0' },
    'capex-usd': { type: 'string', placeholder: '<USD>', description: 'machine price in USD; adds payback days and $/TH' },
  },
  flagForField: { ...NETWORK_FLAG_FOR_FIELD, poolFee: 'pool-fee', capexUsd: 'capex-usd' },
  notes: [
    'Nameplate specs, no cooling/overhead, no hosting or depreciation. Break-even power price',
    'p* = HP·(1 − pool fee)/(24·J/TH); shutdown price = BTC price at which revenue equals power cost',
    '(needs the network flags). Uptime scales revenue and power cost alike, so break-evens ignore it.',
  ],
  run(flags) {
    const machineSource = oneOfFlags(flags, ['model', 'hashrate-ths']);
    let spec: AsicModelSpec | undefined;
    let hashrateThs: number;
    let powerW: number;
    if (machineSource === 'model') {
      if (flags['power-w'] !== undefined) throw new CliUsageError('power-w', 'cannot be combined with --model (the catalog gives the power)');
      spec = findAsicModel(stringFlag(flags, 'model'));
      ({ hashrateThs, powerW } = spec);
    } else {
      hashrateThs = numberFlag(flags, 'hashrate-ths', { min: 0, exclusiveMin: true });
      powerW = numberFlag(flags, 'power-w', { min: 0, exclusiveMin: true });
    }
    const powerUsdPerKwh = numberFlag(flags, 'power-usd-per-kwh', { min: 0 });
    const hashpriceSource = oneOfFlags(flags, ['hashprice-usd-per-ph-day', 'difficulty']);
    let hashpriceUsdPerPhDay: number;
    let btcPerPhDay: number | undefined;
    if (hashpriceSource === 'hashprice-usd-per-ph-day') {
      const extra = NETWORK_ONLY_FLAGS.find((name) => flags[name] !== undefined);
      if (extra) oneOfFlags(flags, ['hashprice-usd-per-ph-day', extra]);
      hashpriceUsdPerPhDay = numberFlag(flags, 'hashprice-usd-per-ph-day', { min: 0 });
    } else {
      const state = readNetworkState(flags, true);
      btcPerPhDay = hashpriceBtcPerPhDay(state.difficulty, state.rewardBtcPerBlock);
      hashpriceUsdPerPhDay = state.hashpriceUsdPerPhDay as number;
    }
    const result = machineEconomics({
      hashrateThs,
      powerW,
      powerUsdPerKwh,
      hashpriceUsdPerPhDay,
      hashpriceBtcPerPhDay: btcPerPhDay,
      uptime: optionalNumberFlag(flags, 'uptime', { min: 0, max: 1 }),
      poolFee: optionalNumberFlag(flags, 'pool-fee', { min: 0, max: 1, exclusiveMax: true }),
      capexUsd: optionalNumberFlag(flags, 'capex-usd', { min: 0 }),
    });
    const json = {
      ...(spec && { model: spec.model, specConfidence: spec.confidence, specSource: spec.source }),
      ...result, hashpriceUsdPerPhDay, ...(btcPerPhDay !== undefined && { btcPerPhDay }) };
    const text = renderKeyValueTable([
      { label: 'model', value: spec?.model, unit: spec && `(nameplate, ${spec.confidence} confidence)` },
      { label: 'hashrate', value: result.hashrateThs, unit: 'TH/s' },
      { label: 'power', value: result.powerW, unit: 'W' },
      { label: 'efficiency', value: result.efficiencyJth, unit: 'J/TH', digits: 4 },
      { label: 'hashprice', value: hashpriceUsdPerPhDay, unit: '$/PH/day', digits: 5 },
      { label: 'revenue', value: result.revenueUsdPerDay, unit: '$/day', digits: 5 },
      { label: 'power cost', value: result.powerCostUsdPerDay, unit: '$/day', digits: 5 },
      { label: 'profit', value: result.profitUsdPerDay, unit: '$/day', digits: 5 },
      { label: 'gross margin', value: result.grossMargin === null ? null : result.grossMargin * 100, unit: '%', digits: 4 },
      { label: 'break-even power price', value: result.breakevenPowerUsdPerKwh, unit: '$/kWh', digits: 4 },
      { label: 'break-even hashprice', value: result.breakevenHashpriceUsdPerPhDay, unit: '$/PH/day', digits: 5 },
      { label: 'shutdown BTC price', value: result.shutdownPriceUsd, unit: 'USD', digits: 6 },
      { label: 'payback', value: result.paybackDays === null ? 'never (no profit)' : result.paybackDays, unit: result.paybackDays === null ? '' : 'days', digits: 5 },
      { label: 'price per TH', value: result.usdPerTh, unit: '$/TH', digits: 5 },
    ]);
    return { json, text };
  },
};
