import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { OffsetPageQueryDto } from '../../http/query-params.dto';

export const METRIC_INTERVALS = { raw: null, '1h': '1 hour', '1d': '1 day', '1w': '7 days' } as const;
export type MetricInterval = keyof typeof METRIC_INTERVALS;

export class NetworkMetricsQueryDto extends OffsetPageQueryDto {
  @ApiPropertyOptional({ example: '2025-01-01T00:00:00Z', description: 'Earliest as-of (default: the beginning)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 timestamp' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-12-31T23:59:59Z', description: 'Latest as-of (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 timestamp' })
  to?: string;

  @ApiPropertyOptional({ example: '2025-12-31T00:00:00Z', description: 'Knowledge axis: only figures hashdesk could have computed by then (both inputs learned), the answer it would have given at that time (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 timestamp' })
  knownAt?: string;

  @ApiPropertyOptional({ enum: Object.keys(METRIC_INTERVALS), default: 'raw', description: 'raw: every figure; otherwise the last figure of each UTC bucket' })
  @IsOptional()
  @IsIn(Object.keys(METRIC_INTERVALS), { message: `must be one of ${Object.keys(METRIC_INTERVALS).join(', ')}` })
  interval?: MetricInterval;
}
