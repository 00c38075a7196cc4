import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNumber, IsOptional, IsPositive, IsString, Length, Matches } from 'class-validator';

const finite = { allowNaN: false, allowInfinity: false };

/** A share quote for the equity stop lines, posted directly (ingest's equity topic feeds them too). */
export class EquityQuoteRequestDto {
  @ApiProperty({ example: 'RIOT' })
  @IsString()
  @Matches(/^[A-Za-z.]{1,10}$/, { message: 'must be a ticker (letters, 1 to 10)' })
  ticker!: string;

  @ApiProperty({ example: 12.34, description: 'close or last price' })
  @IsNumber(finite)
  @IsPositive()
  priceUsd!: number;

  @ApiPropertyOptional({ example: 12.9 })
  @IsOptional()
  @IsNumber(finite)
  @IsPositive()
  highUsd?: number;

  @ApiPropertyOptional({ example: 12.01 })
  @IsOptional()
  @IsNumber(finite)
  @IsPositive()
  lowUsd?: number;

  @ApiProperty({ example: '2025-12-29T21:00:00Z' })
  @IsISO8601({ strict: true })
  observedAt!: string;

  @ApiPropertyOptional({ description: 'idempotency key; default: ticker and observedAt (a repeated quote changes nothing)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  quoteId?: string;
}
