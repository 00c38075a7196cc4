import { ToDecimalNumber } from '@hashdesk/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, IsPositive, Max, Min } from 'class-validator';

const finite = { allowNaN: false, allowInfinity: false };

/** Market inputs; each one left out is taken from the newest valuation.hashprice.computed.v1 figure. */
export class MarketInputsDto {
  @ApiPropertyOptional({ example: 87_133.51 })
  @IsOptional()
  @ToDecimalNumber()
  @IsNumber(finite)
  @IsPositive()
  @Max(100_000_000)
  btcPriceUsd?: number;

  @ApiPropertyOptional({ example: 148.26e12 })
  @IsOptional()
  @ToDecimalNumber()
  @IsNumber(finite)
  @IsPositive()
  @Max(1e18)
  difficulty?: number;

  @ApiPropertyOptional({ example: 930_000 })
  @IsOptional()
  @ToDecimalNumber()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  height?: number;

  @ApiPropertyOptional({ example: 0.0182 })
  @IsOptional()
  @ToDecimalNumber()
  @IsNumber(finite)
  @Min(0)
  @Max(100)
  feesBtcPerBlock?: number;

  @ApiPropertyOptional({ example: 15.2, description: 'needed for market-cap figures and convertible dilution' })
  @IsOptional()
  @ToDecimalNumber()
  @IsNumber(finite)
  @IsPositive()
  @Max(1_000_000)
  sharePriceUsd?: number;

  @ApiPropertyOptional({ example: 0.045, description: "overrides the profile's power price" })
  @IsOptional()
  @ToDecimalNumber()
  @IsNumber(finite)
  @Min(0)
  @Max(10)
  powerUsdPerKwh?: number;
}
