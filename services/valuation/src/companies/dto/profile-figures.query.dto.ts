import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { OffsetPageQueryDto } from '../../http/query-params.dto';

/** GET /v1/companies/{ticker}/figures: every figure of every profile version, with its provenance. */
export class ProfileFiguresQueryDto extends OffsetPageQueryDto {
  @ApiPropertyOptional({ example: '2025-12-29T23:59:59Z', description: 'Only versions usable by then (their newest source published by then): what a desk could have known (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 timestamp' })
  knownAt?: string;

  @ApiPropertyOptional({ example: 'balanceSheet.', description: 'Only fields whose path starts with this prefix, e.g. balanceSheet. or fleet.efficiencyJth' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.[\]]{1,100}$/, { message: 'must be a field path prefix (letters, digits, dots, brackets; at most 100)' })
  field?: string;

  @ApiPropertyOptional({ example: 'latest', description: '`latest`: the newest usable version of each period only (restated figures replace earlier ones); `all` (default): every version' })
  @IsOptional()
  @Matches(/^(latest|all)$/, { message: 'must be one of latest, all' })
  versions?: 'latest' | 'all';
}
