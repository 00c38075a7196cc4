import { Injectable } from '@nestjs/common';
import { EconomicsInputError, resolveMarket, type MarketInputs } from '@hashdesk/economics';
import { RiskException, RiskExceptionCode } from '../common/risk.exception';
import { fromEconomicsError } from '../common/risk-exception.filter';
import { MarketStateRepository } from './market-state.repository';
import type { MarketInputsDto } from './dto/market-inputs.dto';

/** A request's market: its fields over the newest market state seen on the hashprice topic, checked. */
@Injectable()
export class MarketResolverService {
  constructor(private readonly states: MarketStateRepository) {}

  async resolve(given: MarketInputsDto | undefined, field = 'market'): Promise<MarketInputs> {
    const latest = await this.states.latest();
    const defined = Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined)) as Partial<MarketInputs>;
    if (latest === null && (defined.btcPriceUsd === undefined || defined.difficulty === undefined)) {
      throw new RiskException(RiskExceptionCode.MARKET_UNKNOWN, 'no market state received yet: give btcPriceUsd, difficulty, height and feesBtcPerBlock', field);
    }
    const market: MarketInputs = { ...(latest?.market ?? { height: undefined, feesBtcPerBlock: undefined }), ...defined } as MarketInputs;
    try {
      resolveMarket(market);
    } catch (error) {
      if (error instanceof EconomicsInputError) throw fromEconomicsError(error, `${field}.`);
      throw error;
    }
    return market;
  }
}
