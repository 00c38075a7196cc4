import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { companyMetrics, validateStopLine, type StopLine } from '@hashdesk/economics';
import { badRequest, flattenValidationErrors } from '@hashdesk/platform';
import { RiskException, RiskExceptionCode } from '../common/risk.exception';
import { CompanyProfilesService } from '../companies/company-profiles.service';
import { MarketResolverService } from '../market/market-resolver.service';
import { CreateStopLineRequestDto, type UpdateStopLineRequestDto } from './dto/stop-line.request.dto';
import { WatchlistsRepository, type StopLineView } from './watchlists.repository';

/**
 * Adds a line to a watchlist entry (break-even levels not given are derived from the company at the
 * current market), or changes one: the change is merged into the line and validated whole.
 */
@Injectable()
export class CreateStopLineUseCase {
  constructor(
    private readonly repository: WatchlistsRepository,
    private readonly profiles: CompanyProfilesService,
    private readonly markets: MarketResolverService,
  ) {}

  async execute(entryId: string, dto: CreateStopLineRequestDto): Promise<StopLineView> {
    const entry = await this.repository.getEntry(entryId);
    const line = validateStopLine(await this.toLine(entry.ticker, dto));
    return this.repository.addLine(entry, line, dto.enabled ?? true);
  }

  /**
   * Changes a line's fields, never its kind. Its state (breached or not, peak, ATR) is kept, so a line
   * already breached does not signal again because its level moved: the next observation is judged
   * against the new level with the usual hysteresis. A disabled line judges nothing (its state stays as
   * it was); enabled again, it resumes from that state, so a breach already signalled is not repeated.
   */
  async update(entryId: string, lineId: string, patch: UpdateStopLineRequestDto): Promise<StopLineView> {
    const current = await this.repository.getLine(entryId, lineId);
    const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const merged = plainToInstance(CreateStopLineRequestDto, { ...current.definition, enabled: current.enabled, ...given, kind: current.kind });
    const errors = await validate(merged, { forbidUnknownValues: true });
    if (errors.length > 0) throw badRequest(flattenValidationErrors(errors));
    const line = validateStopLine(await this.toLine(current.ticker, merged));
    return this.repository.updateLine(entryId, lineId, line, merged.enabled ?? true);
  }

  private async toLine(ticker: string, d: CreateStopLineRequestDto): Promise<StopLine> {
    const band = d.recoveryMarginRatio === undefined ? {} : { recoveryMarginRatio: d.recoveryMarginRatio };
    switch (d.kind) {
      case 'fixed':
        return { kind: 'fixed', entryPriceUsd: d.entryPriceUsd as number, dropRatio: d.dropRatio as number, ...band };
      case 'trailing':
        return { kind: 'trailing', trailRatio: d.trailRatio as number, ...(d.entryPriceUsd !== undefined && { entryPriceUsd: d.entryPriceUsd }), ...band };
      case 'atr':
        return { kind: 'atr', periods: d.periods as number, atrMultiple: d.atrMultiple as number, ...(d.entryPriceUsd !== undefined && { entryPriceUsd: d.entryPriceUsd }), ...band };
      case 'break-even-hashprice':
        return { kind: 'break-even-hashprice', levelUsdPerPhDay: d.levelUsdPerPhDay ?? (await this.derived(ticker, 'allInHashcostUsdPerPhDay', 'levelUsdPerPhDay')), ...band };
      case 'break-even-btc-price':
        return { kind: 'break-even-btc-price', levelUsd: d.levelUsd ?? (await this.derived(ticker, 'breakEvenBtcPriceUsd', 'levelUsd')), ...band };
      case 'runway-floor':
        return { kind: 'runway-floor', floorMonths: d.floorMonths as number, ...band };
      case 'loan-to-value':
        return { kind: 'loan-to-value', loanUsd: d.loanUsd as number, collateralBtc: d.collateralBtc as number, maxLoanToValueRatio: d.maxLoanToValueRatio as number, ...band };
      default:
        throw new RiskException(RiskExceptionCode.INVALID_INPUT, 'unknown stop line kind', 'kind');
    }
  }

  private async derived(ticker: string, metric: 'allInHashcostUsdPerPhDay' | 'breakEvenBtcPriceUsd', field: string): Promise<number> {
    const metrics = companyMetrics(this.profiles.get(ticker), await this.markets.resolve(undefined, field));
    const value = metrics[metric];
    if (value === null || !(value > 0)) {
      const needs = metrics.missingInputs[metric]?.join(', ') ?? metrics.notMeaningful[metric] ?? 'not positive';
      throw new RiskException(RiskExceptionCode.LINE_LEVEL_UNKNOWN, `is required: ${ticker}'s ${metric} cannot be derived from its profile (needs ${needs})`, field);
    }
    return value;
  }
}
