import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { badRequest, FormatQueryDto, tabular, type HttpResponse } from '@hashdesk/platform';
import { CompanyBacktestQuery } from './company-backtest.query';

const TICKER = /^[A-Z0-9.]{1,10}$/;
const COLUMNS = [
  'periodEnd', 'periodLabel', 'hashrateEhs', 'hashrateBasis', 'hashrateAsOf', 'networkDays', 'quarterDays',
  'modelledBtcProduced', 'reportedBtcProduced', 'productionErrorRatio',
  'modelledPowerCostPerBtcUsd', 'modelledDirectCostPerBtcUsd', 'modelledCashCostPerBtcUsd', 'modelledAllInCostPerBtcUsd', 'modelledTotalCostPerBtcUsd',
  'costs', 'notes',
];

@ApiTags('companies')
@Controller('v1')
export class BacktestController {
  constructor(private readonly query: CompanyBacktestQuery) {}

  @Get('companies/:ticker/backtest')
  @ApiOperation({
    summary: "The model against the company's reported production and cost to mine, quarter by quarter",
    description: "Modelled production = hashrate dated in the quarter (operating, else installed) × the network's realised BTC per PH per day over the quarter's days; "
      + "modelled cost per BTC = the model on the quarter's own profile at the quarter's mean market, by the definition the company reported. Error = (modelled − reported) ÷ reported.",
  })
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: '{ticker, quarters[], productionMedianAbsErrorRatio, costMedianAbsErrorRatio, …}; CSV/NDJSON: one row per quarter' })
  @ApiBadRequestResponse({ description: 'violations[{field, rule, message}]' })
  @ApiNotFoundResponse({ description: 'Unknown ticker' })
  async backtest(@Param('ticker') ticker: string, @Query() q: FormatQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<unknown> {
    if (!TICKER.test(ticker)) throw badRequest([{ field: 'ticker', rule: 'tickerFormat', message: 'must be 1-10 upper-case letters, digits or dots' }]);
    const summary = await this.query.backtest(ticker);
    if (!summary) throw new NotFoundException(`no company ${ticker}`);
    const { quarters, ...totals } = summary;
    const rows = quarters.map(({ modelledCostsPerBtc: m, ...row }) => ({
      ...row,
      modelledPowerCostPerBtcUsd: m.power, modelledDirectCostPerBtcUsd: m.direct, modelledCashCostPerBtcUsd: m.cash,
      modelledAllInCostPerBtcUsd: m['all-in'], modelledTotalCostPerBtcUsd: m.total,
      costs: JSON.stringify(row.costs), notes: row.notes.join('; '),
    }));
    if ((q.format ?? 'json') === 'json') return summary;
    return tabular(res, q.format ?? 'json', COLUMNS, rows, totals);
  }
}
