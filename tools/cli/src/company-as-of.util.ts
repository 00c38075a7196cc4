import { buildProfileVersions, parseCompanyProfile, type CompanyProfile, type MarketInputs } from '@hashdesk/economics';
import type { CliFlagSpecs, CliFlagValues } from './cli-command.interface';
import { readMarket } from './cli-company-flags.util';
import { optionalNumberFlag, oneOfFlags } from './cli-flags.util';
import { CliUsageError } from './cli-usage.error';
import { historyOf, networkDays } from './company-history.reader';
import { dayFlag } from './history-flags.util';

export const HISTORY_FLAGS: CliFlagSpecs = {
  ticker: { type: 'string', placeholder: '<T>', description: 'value the company from its history (instead of --file); needs --as-of' },
  'as-of': { type: 'string', placeholder: '<YYYY-MM-DD>', description: 'the day: the history as known then, and that day\'s network state' },
};

const MARKET_FLAG_NAMES = ['price-usd', 'difficulty', 'height', 'subsidy-btc', 'fees-btc-per-block', 'fee-share', 'fee-to-subsidy-ratio'];

/**
 * The profile as known on --as-of (the newest version usable by the end of that day: its sources were
 * published before it) and the market: the market flags when given, else that day's network history.
 */
export function profileAndMarketFromHistory(flags: CliFlagValues): { profile: CompanyProfile; market: MarketInputs } {
  if (flags['file'] !== undefined) throw new CliUsageError('ticker', 'cannot be combined with --file (give one)');
  const history = historyOf(String(flags['ticker']));
  const asOf = dayFlag(flags, 'as-of');
  if (asOf === undefined) throw new CliUsageError('as-of', 'is required with --ticker');
  const endOfDay = `${asOf}T23:59:59.999Z`;
  const version = buildProfileVersions(history).filter((v) => v.knownAt <= endOfDay).at(-1);
  if (!version) throw new CliUsageError('as-of', `nothing of ${history.ticker} was published before ${asOf}`);
  const profile = parseCompanyProfile(version.profile);
  const sharePriceUsd = optionalNumberFlag(flags, 'share-price-usd', { min: 0, exclusiveMin: true }) ?? version.sharePrice?.priceUsd;
  if (MARKET_FLAG_NAMES.some((name) => flags[name] !== undefined)) {
    return { profile, market: { ...readMarket(flags), ...(sharePriceUsd !== undefined && { sharePriceUsd }) } };
  }
  oneOfFlags(flags, ['height', 'subsidy-btc'], false);
  const day = networkDays().find((d) => d.date === asOf);
  if (!day) throw new CliUsageError('as-of', `the bundled network history has no ${asOf}; give --price-usd, --difficulty and --height or --subsidy-btc`);
  return {
    profile,
    market: {
      btcPriceUsd: day.btcPriceUsd,
      difficulty: day.difficulty,
      subsidyBtc: day.subsidyBtcPerBlock ?? day.rewardBtcPerBlock,
      feesBtcPerBlock: day.feesBtcPerBlock ?? 0,
      ...(sharePriceUsd !== undefined && { sharePriceUsd }),
      ...(flags['power-usd-per-kwh'] !== undefined && { powerUsdPerKwh: optionalNumberFlag(flags, 'power-usd-per-kwh', { min: 0 }) }),
    },
  };
}
