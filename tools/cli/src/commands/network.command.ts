import { btcPerPhDayToSatsPerThDay, hashpriceIfHalvingToday, impliedHashrateEhs, revenueUsdPerEhDayFromHashprice } from '@hashdesk/economics';
import type { CliCommand } from '../cli-command.interface';
import { renderKeyValueTable } from '../cli-output.util';
import { DIFFICULTY_FLAG, FEE_FLAGS, NETWORK_FLAG_FOR_FIELD, PRICE_FLAG, SUBSIDY_FLAGS, readNetworkState } from '../cli-network-flags.util';

export const networkCommand: CliCommand = {
  name: 'network',
  summary: 'implied hashrate and BTC/USD hashprice from difficulty, subsidy, fees and price',
  usage:
    '--difficulty <D> (--height <H> | --subsidy-btc <BTC>) [--fees-btc-per-block <BTC> | --fee-share <0..1> | --fee-to-subsidy-ratio <ratio>] [--price-usd <USD>] [--json]',
  flags: { ...DIFFICULTY_FLAG, ...SUBSIDY_FLAGS, ...FEE_FLAGS, ...PRICE_FLAG },
  flagForField: NETWORK_FLAG_FOR_FIELD,
  notes: [
    'Hashrate = D·2^32/600. Hashprice = (subsidy + fees)·86,400·1e15/(D·2^32) BTC per PH/s per day,',
    'no pool fee deducted (as the published Hashrate Index values). "If the halving were today":',
    'naive halves everything (Hashrate Index shortcut); fees-kept halves only the subsidy.',
  ],
  run(flags) {
    const state = readNetworkState(flags);
    const halving = state.hashpriceUsdPerPhDay === undefined ? undefined : hashpriceIfHalvingToday(state.hashpriceUsdPerPhDay, state.feeShareOfReward);
    const json = {
      difficulty: state.difficulty,
      hashrateEhs: impliedHashrateEhs(state.difficulty),
      ...(state.height !== undefined && { height: state.height }),
      subsidyBtc: state.subsidyBtc,
      feesBtcPerBlock: state.feesBtcPerBlock,
      rewardBtcPerBlock: state.rewardBtcPerBlock,
      feeShareOfReward: state.feeShareOfReward,
      btcPerPhDay: state.btcPerPhDay,
      satsPerThDay: btcPerPhDayToSatsPerThDay(state.btcPerPhDay),
      ...(state.hashpriceUsdPerPhDay !== undefined && {
        priceUsd: state.priceUsd,
        hashpriceUsdPerPhDay: state.hashpriceUsdPerPhDay,
        revenueUsdPerEhDay: revenueUsdPerEhDayFromHashprice(state.hashpriceUsdPerPhDay),
        halvingTodayNaiveUsdPerPhDay: halving?.naiveUsdPerPhDay,
        halvingTodayFeesKeptUsdPerPhDay: halving?.feesKeptUsdPerPhDay,
      }),
    };
    const text = renderKeyValueTable([
      { label: 'difficulty', value: json.difficulty, digits: 8 },
      { label: 'implied hashrate', value: json.hashrateEhs, unit: 'EH/s' },
      { label: 'height', value: json.height },
      { label: 'subsidy', value: json.subsidyBtc, unit: 'BTC', digits: 10 },
      { label: 'fees per block', value: json.feesBtcPerBlock, unit: 'BTC' },
      { label: 'reward per block', value: json.rewardBtcPerBlock, unit: 'BTC' },
      { label: 'fee share of reward', value: json.feeShareOfReward, unit: '(ratio)', digits: 4 },
      { label: 'BTC hashprice', value: json.btcPerPhDay, unit: 'BTC/PH/day' },
      { label: 'BTC hashprice', value: json.satsPerThDay, unit: 'sat/TH/day' },
      { label: 'BTC price', value: json.priceUsd, unit: 'USD' },
      { label: 'USD hashprice', value: json.hashpriceUsdPerPhDay, unit: '$/PH/day' },
      { label: 'revenue per EH/s', value: json.revenueUsdPerEhDay, unit: '$/EH/day' },
      { label: 'halving today, naive', value: json.halvingTodayNaiveUsdPerPhDay, unit: '$/PH/day (whole hashprice halved)' },
      { label: 'halving today, fees kept', value: json.halvingTodayFeesKeptUsdPerPhDay, unit: '$/PH/day (only the subsidy halves)' },
    ]);
    return { json, text };
  },
};
