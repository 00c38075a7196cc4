import { FormatQueryDto, ToDecimalNumber } from '@hashdesk/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

/** GET /v1/risk/companies/{ticker}/scenarios: JSON is the stored evaluation, CSV and NDJSON its scenario table (base first). */
export class ScenarioEvaluationQueryDto extends FormatQueryDto {
  @ApiPropertyOptional({ example: '2025-10-03T12:00:00Z', description: 'the newest evaluation whose valuation as-of is at or before this time (no look-ahead); default the newest' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 timestamp' })
  asOf?: string;
}

export const EVALUATION_HISTORY_MAX_LIMIT = 5000;

/** GET /v1/risk/companies/{ticker}/evaluations: the company's evaluations, newest first, as universe rows. */
export class EvaluationHistoryQueryDto extends ScenarioEvaluationQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: EVALUATION_HISTORY_MAX_LIMIT, default: 100 })
  @IsOptional()
  @ToDecimalNumber()
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(EVALUATION_HISTORY_MAX_LIMIT, { message: `must be at most ${EVALUATION_HISTORY_MAX_LIMIT}` })
  limit?: number;
}
