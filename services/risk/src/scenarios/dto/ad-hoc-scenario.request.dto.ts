import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CompanyInputsDto } from './company-options.dto';

const finite = { allowNaN: false, allowInfinity: false };

/** A market shock: changes are ratios (−0.2 = −20 %), each > −1. */
export class MarketShockDto {
  @ApiPropertyOptional({ example: -0.3 })
  @IsOptional()
  @IsNumber(finite)
  @Min(-0.99)
  @Max(100)
  btcPriceChangeRatio?: number;

  @ApiPropertyOptional({ example: 0.15 })
  @IsOptional()
  @IsNumber(finite)
  @Min(-0.99)
  @Max(100)
  difficultyChangeRatio?: number;

  @ApiPropertyOptional({ example: -0.5 })
  @IsOptional()
  @IsNumber(finite)
  @Min(-0.99)
  @Max(100)
  feesChangeRatio?: number;

  @ApiPropertyOptional({ example: 0.3 })
  @IsOptional()
  @IsNumber(finite)
  @Min(-0.99)
  @Max(100)
  powerPriceChangeRatio?: number;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  halving?: boolean;
}

export class AdHocScenarioRequestDto extends CompanyInputsDto {
  @ApiProperty({ example: 'RIOT' })
  @IsString()
  @Matches(/^[A-Za-z.]{1,10}$/, { message: 'must be a ticker (letters, 1 to 10)' })
  ticker!: string;

  @ApiPropertyOptional({ example: 'btc −30 % and difficulty +15 %' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiProperty({ type: MarketShockDto })
  @IsDefined({ message: 'is required: the market shock to apply' })
  @IsObject({ message: 'must be an object of change ratios' })
  @ValidateNested()
  @Type(() => MarketShockDto)
  shock!: MarketShockDto;
}
