import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, Matches } from 'class-validator';
import { IsZonedTimestamp } from './zoned-timestamp.validator';

export class BtcPriceRequestDto {
  @ApiProperty({ example: 87133.51, description: 'USD per BTC; > 0 and at most 10,000,000 or the record is quarantined' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  priceUsd!: number;

  @ApiProperty({ example: '2025-12-29T00:00:00Z', description: 'When the price was true (ISO 8601 with a time zone)' })
  @IsZonedTimestamp()
  observedAt!: string;

  @ApiPropertyOptional({ example: 'BTC-USD' })
  @IsOptional()
  @Matches(/^BTC-USD$/, { message: 'must be BTC-USD' })
  pair?: string;

  @ApiPropertyOptional({ example: 'desk-a', description: 'Who observed it; stored as push:<source>' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_.-]{0,63}$/, { message: 'must be 1-64 lowercase letters, digits, dot, dash or underscore' })
  source?: string;
}
