import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { CompanyInputsDto } from '../../scenarios/dto/company-options.dto';

const finite = { allowNaN: false, allowInfinity: false };
export const MONTE_CARLO_MODELS = ['gbm', 'block-bootstrap'] as const;

export class MonteCarloRequestDto extends CompanyInputsDto {
  @ApiProperty({ example: 'RIOT' })
  @IsString()
  @Matches(/^[A-Za-z.]{1,10}$/, { message: 'must be a ticker (letters, 1 to 10)' })
  ticker!: string;

  @ApiProperty({ example: 2025, description: 'the same seed and inputs give the same result' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  seed!: number;

  @ApiProperty({ example: 20_000 })
  @IsInt()
  @Min(100)
  @Max(200_000)
  paths!: number;

  @ApiProperty({ example: 12, description: 'months simulated; probabilities are reported at 3, 6 and 12 months within it and at the horizon' })
  @IsInt()
  @Min(1)
  @Max(120)
  horizonMonths!: number;

  @ApiProperty({ enum: MONTE_CARLO_MODELS, description: 'gbm: calibrated on data/reference/network-daily.csv unless given; block-bootstrap: of its daily returns' })
  @IsIn(MONTE_CARLO_MODELS)
  model!: (typeof MONTE_CARLO_MODELS)[number];

  @ApiPropertyOptional({ example: 0.55, description: 'gbm: σ per year (default: calibrated)' })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(5)
  volatilityPerYear?: number;

  @ApiPropertyOptional({ example: 0, description: 'gbm: μ per year (default: calibrated)' })
  @IsOptional()
  @IsNumber(finite)
  @Min(-5)
  @Max(5)
  driftPerYear?: number;

  @ApiPropertyOptional({ example: 30, description: 'block-bootstrap: days per block' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  blockLengthDays?: number;

  @ApiPropertyOptional({ example: 12 })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(120)
  runwayFloorMonths?: number;
}
