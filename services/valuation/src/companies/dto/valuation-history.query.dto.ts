import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { OffsetPageQueryDto } from '../../http/query-params.dto';

export class ValuationHistoryQueryDto extends OffsetPageQueryDto {
  @ApiPropertyOptional({ example: '2025-10-01T00:00:00Z', description: 'Earliest as-of (default: the beginning)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 timestamp' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-12-31T23:59:59Z', description: 'Latest as-of (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 timestamp' })
  to?: string;

  @ApiPropertyOptional({ description: 'Only valuations computable from what hashdesk had learned by then (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 timestamp' })
  knownAt?: string;
}
