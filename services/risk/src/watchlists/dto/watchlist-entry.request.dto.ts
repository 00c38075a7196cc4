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
