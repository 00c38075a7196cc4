import { FormatQueryDto, ToDecimalNumber } from '@hashdesk/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

/** Shared query parameters: output format and page size. */
export class PageQueryDto extends FormatQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5000, default: 500 })
  @IsOptional()
  @ToDecimalNumber()
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(5000, { message: 'must be at most 5000' })
  limit?: number;
}

export class OffsetPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 10_000_000, default: 0 })
  @IsOptional()
  @ToDecimalNumber()
  @IsInt({ message: 'must be an integer' })
  @Min(0, { message: 'must be at least 0' })
  // 1e308 is an integer to JavaScript and an error to PostgreSQL: bounded, it is a 400, not a 500.
  @Max(10_000_000, { message: 'must be at most 10,000,000' })
  offset?: number;
}

/** The two time axes: asOf (event time: what was true) and knownAt (knowledge time: what hashdesk had learned). */
export class PointInTimeQueryDto extends OffsetPageQueryDto {
  @ApiPropertyOptional({ example: '2025-11-30T23:59:59Z', description: 'Event-time axis: the newest valuation whose inputs were all true by then (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 timestamp' })
  asOf?: string;

  @ApiPropertyOptional({ description: 'Knowledge axis: only valuations computed from inputs hashdesk had learned by then, i.e. the answer it would have given at that time (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 timestamp' })
  knownAt?: string;
}

export const parseInstant = (value: string | undefined): Date | undefined => (value === undefined ? undefined : new Date(value));
