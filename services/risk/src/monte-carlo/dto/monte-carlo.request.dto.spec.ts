import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { createValidationPipe } from '@hashdesk/platform';
import { MonteCarloRequestDto } from './monte-carlo.request.dto';

// The request as the service's validation pipe sees it: one ticker or a list ("all"), never both; a
// 400 names the field and the rule.

const base = { seed: 1, paths: 1_000, horizonMonths: 12, model: 'gbm' };
const pipe = createValidationPipe();

async function violations(body: Record<string, unknown>): Promise<Array<{ field: string; rule: string; message: string }>> {
  try {
    await pipe.transform(body, { type: 'body', metatype: MonteCarloRequestDto });
    return [];
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    return (error.getResponse() as { violations: Array<{ field: string; rule: string; message: string }> }).violations;
  }
}

describe('MonteCarloRequestDto', () => {
  it('given one ticker, a list, or "all", then each is accepted (with per-company overrides for a list)', async () => {
    expect(await violations({ ...base, ticker: 'RIOT', balanceSheet: { totalDebtUsd: 800e6 } })).toEqual([]);
    expect(await violations({ ...base, tickers: ['RIOT', 'clsk'] })).toEqual([]);
    expect(await violations({ ...base, tickers: 'all', overrides: [{ ticker: 'RIOT', balanceSheet: { totalDebtUsd: 800e6 }, assumptions: { sgaExSbcUsdPerBtc: 7_000 } }] })).toEqual([]);
  });

  it.each([
    ['no company', {}, 'ticker', 'isDefined', 'is required unless tickers is given'],
    ['both', { ticker: 'RIOT', tickers: ['CLSK'] }, 'tickers', 'notWithTicker', 'give either ticker (one company) or tickers (a list or "all"), not both'],
    ['an empty list', { tickers: [] }, 'tickers', 'tickerList', 'must list 1 to 64 tickers (or be "all")'],
    ['a word', { tickers: 'some' }, 'tickers', 'tickerList', 'must be "all" or a list of tickers'],
    ['a malformed ticker', { tickers: ['RIOT', 'RI OT'] }, 'tickers', 'tickerList', 'tickers[1] must be a ticker (letters, 1 to 10)'],
    ['a repeat', { tickers: ['RIOT', 'riot'] }, 'tickers', 'tickerList', 'tickers[1] repeats RIOT'],
    ['65 tickers', { tickers: Array.from({ length: 65 }, (_, i) => `T${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`) }, 'tickers', 'tickerList', 'must list 1 to 64 tickers (or be "all")'],
    ['one balance sheet for a list', { tickers: ['RIOT'], balanceSheet: { totalDebtUsd: 1 } }, 'balanceSheet', 'singleTickerOnly', "applies to a single ticker: with tickers, give each company's figures under overrides[].balanceSheet"],
    ['a negative override', { tickers: 'all', overrides: [{ ticker: 'RIOT', balanceSheet: { totalDebtUsd: -1 } }] }, 'overrides.0.balanceSheet.totalDebtUsd', 'min', 'totalDebtUsd must not be less than 0'],
    ['a negative assumption', { tickers: 'all', assumptions: { sgaExSbcUsdPerBtc: -1 } }, 'assumptions.sgaExSbcUsdPerBtc', 'min', 'sgaExSbcUsdPerBtc must not be less than 0'],
    ['a negative single-ticker debt', { ticker: 'RIOT', balanceSheet: { totalDebtUsd: -1 } }, 'balanceSheet.totalDebtUsd', 'min', 'totalDebtUsd must not be less than 0'],
    ['overrides not a list', { tickers: 'all', overrides: 'RIOT' }, 'overrides', 'isArray', 'overrides must be an array'],
  ])('given %s, then the 400 names %s and the rule %s', async (_label, body, field, rule, message) => {
    expect(await violations({ ...base, ...body })).toContainEqual({ field, rule, message });
  });
});
