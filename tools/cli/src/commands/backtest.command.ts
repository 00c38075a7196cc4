import { backtestHistory } from '@hashdesk/economics';
import type { CliCommand } from '../cli-command.interface';
import { stringFlag } from '../cli-flags.util';
import { renderGrid } from '../cli-output.util';
import { historyOf, networkDays } from '../company-history.reader';

const pct = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 1000) / 10);

export const backtestCommand: CliCommand = {
  name: 'backtest',
  summary: "the model against the company's reported production and cost to mine, quarter by quarter",
  usage: '--ticker <T> [--json]',
  flags: { ticker: { type: 'string', placeholder: '<T>', description: 'company ticker, e.g. RIOT' } },
  notes: [
    'Modelled production = hashrate (operating, else installed) × the network\'s realised BTC per PH per day,',
    'summed over the quarter\'s days of the bundled network history. Modelled cost per BTC = the model on the',
    'quarter\'s own profile at the quarter\'s mean price and difficulty, by the definition the company reported.',
    'Error = (modelled − reported) ÷ reported.',
  ],
  run(flags) {
    const history = historyOf(stringFlag(flags, 'ticker'));
    const summary = backtestHistory(history, networkDays());
    const rows = summary.quarters.map((q) => [
      q.periodEnd, q.hashrateEhs, q.hashrateBasis, q.modelledBtcProduced === null ? null : Math.round(q.modelledBtcProduced), q.reportedBtcProduced, pct(q.productionErrorRatio),
      q.costs.map((c) => `${c.definition} ${c.reportedUsdPerBtc} vs ${c.modelledUsdPerBtc === null ? '-' : Math.round(c.modelledUsdPerBtc)}`).join('; ') || null,
    ]);
    const text = [
      `${history.ticker}  ${history.name}: model against reported`,
      renderGrid(['quarter end', 'EH/s', 'basis', 'modelled BTC', 'reported BTC', 'error %', 'cost per BTC: reported vs modelled'], rows as Array<Array<string | number | null>>),
      `median |error|: production ${pct(summary.productionMedianAbsErrorRatio) ?? '-'} % over ${summary.productionQuarters} quarters; cost per BTC ${pct(summary.costMedianAbsErrorRatio) ?? '-'} % over ${summary.costComparisons}`,
    ].join('\n');
    return { json: summary as unknown as Record<string, unknown>, text };
  },
};
