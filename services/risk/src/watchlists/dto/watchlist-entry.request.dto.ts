import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateWatchlistEntryRequestDto {
  @ApiProperty({ example: 'RIOT', description: 'a ticker of data/companies' })
  @IsString()
  @Matches(/^[A-Za-z.]{1,10}$/, { message: 'must be a ticker (letters, 1 to 10)' })
  ticker!: string;

  @ApiPropertyOptional({ example: 'core position' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  note?: string;
}

/** A change to an entry: its note (null clears it). The ticker cannot change: a 400 names it. */
export class UpdateWatchlistEntryRequestDto {
  @ApiPropertyOptional({ example: 'trimmed after Q3', nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  note?: string | null;
}
