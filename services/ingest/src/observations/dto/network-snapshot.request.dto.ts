import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsZonedTimestamp } from './zoned-timestamp.validator';

export class NetworkSnapshotRequestDto {
  @ApiProperty({ example: 930086, description: 'Block height of the chain tip' })
  @IsInt({ message: 'must be a whole number' })
  height!: number;

  @ApiProperty({ example: 148.2e12, description: 'Network difficulty (at least 1, or the record is quarantined)' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  difficulty!: number;

  @ApiPropertyOptional({ example: 1_800_000, description: 'Mean total fees per block in satoshis (give this or feesBtcPerBlock)' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of satoshis' })
  feesPerBlockSats?: number;

  @ApiPropertyOptional({ example: 0.018, description: 'Mean total fees per block in BTC (give this or feesPerBlockSats)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  feesBtcPerBlock?: number;

  @ApiPropertyOptional({ example: 144, description: 'Blocks the fee mean covers' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(10_000, { message: 'must be at most 10,000' })
  feeWindowBlocks?: number;

  @ApiProperty({ example: '2025-12-29T00:00:00Z', description: 'When the snapshot was true (ISO 8601 with a time zone)' })
  @IsZonedTimestamp()
  observedAt!: string;

  @ApiPropertyOptional({ example: 'desk-a' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_.-]{0,63}$/, { message: 'must be 1-64 lowercase letters, digits, dot, dash or underscore' })
  source?: string;
}
