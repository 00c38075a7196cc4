import { FormatQueryDto, ToDecimalNumber } from '@hashdesk/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const ALERTS_MAX_LIMIT = 5000;

/** GET /v1/alerts. */
export class AlertsQueryDto extends FormatQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: ALERTS_MAX_LIMIT, default: 100 })
  @IsOptional()
  @ToDecimalNumber()
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(ALERTS_MAX_LIMIT, { message: `must be at most ${ALERTS_MAX_LIMIT}` })
  limit?: number;
}
