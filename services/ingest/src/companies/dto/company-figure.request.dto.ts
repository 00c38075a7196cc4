import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { AS_OF_PATTERN, SOURCE_QUALITIES } from '@hashdesk/economics';

export class CompanyFigureRequestDto {
  @ApiProperty({
    example: 'balanceSheet.cashUsd',
    description: 'JSON path of a sourced figure of the profile (e.g. fleet.operatingHashrateEhs, power.contracts[0].priceUsdPerKwh), or sharePriceUsd for a share price',
  })
  @IsString({ message: 'must be a string' })
  @Matches(/^[A-Za-z][A-Za-z0-9[\].]{0,199}$/, { message: 'must be a JSON path such as balanceSheet.cashUsd' })
  path!: string;

  @ApiProperty({ example: 330_700_000, description: 'The figure: a number (a date string for date figures), or null for unknown', nullable: true })
  @Allow()
  value!: number | string | null;

  @ApiProperty({ example: '2025-09-30', description: 'The date or period the figure refers to: YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY or FYYYYY' })
  @IsString({ message: 'must be a string' })
  @Matches(AS_OF_PATTERN, { message: 'must be YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY or FYYYYY' })
  asOf!: string;

  @ApiProperty({ example: 'https://www.sec.gov/…/10-Q', description: 'Where the figure comes from' })
  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  source!: string;

  @ApiPropertyOptional({ enum: SOURCE_QUALITIES })
  @IsOptional()
  @IsIn(SOURCE_QUALITIES as string[], { message: `must be one of ${SOURCE_QUALITIES.join(', ')}` })
  sourceQuality?: 'primary' | 'secondary' | 'low';

  @ApiPropertyOptional({ description: 'Definitions, caveats, derivations' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  note?: string;
}
