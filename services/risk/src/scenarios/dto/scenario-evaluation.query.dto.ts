import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** GET /v1/risk/companies/{ticker}/scenarios. */
export class ScenarioEvaluationQueryDto {
  @ApiPropertyOptional({ example: '2025-10-03T12:00:00Z', description: 'the newest evaluation whose valuation as-of is at or before this time (no look-ahead); default the newest' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 timestamp' })
  asOf?: string;
}
