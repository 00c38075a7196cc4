import { FormatQueryDto, ToDecimalNumber } from '@hashdesk/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { SORT_ORDERS, type SortOrder } from '../../common/sort-rows';
import { UNIVERSE_SORT_KEYS } from '../universe-row.mapper';

export const UNIVERSE_MAX_LIMIT = 5000;

/** GET /v1/risk/universe. */
export class UniverseQueryDto extends FormatQueryDto {
  @ApiPropertyOptional({ example: '2025-10-03T12:00:00Z', description: "each company's newest evaluation whose valuation as-of is at or before this time (no look-ahead); default the newest" })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 timestamp' })
  asOf?: string;

  @ApiPropertyOptional({ default: 'riskScore0To100', description: 'any numeric column, ticker, asOf or valuationEventTime; unknown values sort last', example: 'btc-minus-40-pct.allInMarginRatio' })
  @IsOptional()
  @IsIn(UNIVERSE_SORT_KEYS as string[], { message: 'must be a column of the table: a numeric one, ticker, asOf or valuationEventTime' })
  sort?: string;

  @ApiPropertyOptional({ enum: SORT_ORDERS, default: 'desc' })
  @IsOptional()
  @IsIn(SORT_ORDERS as readonly string[], { message: `must be one of ${SORT_ORDERS.join(', ')}` })
  order?: SortOrder;

  @ApiPropertyOptional({ minimum: 1, maximum: UNIVERSE_MAX_LIMIT, default: 500 })
  @IsOptional()
  @ToDecimalNumber()
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(UNIVERSE_MAX_LIMIT, { message: `must be at most ${UNIVERSE_MAX_LIMIT}` })
  limit?: number;
}
