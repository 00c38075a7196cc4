import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsPositive, Min } from 'class-validator';
import { MarketInputsDto } from '../../market/dto/market-inputs.dto';

const finite = { allowNaN: false, allowInfinity: false };

/** GET /v1/risk/companies/{ticker}: market inputs (each defaulting to the newest hashprice figure) and cost fallbacks. */
export class CompanyRiskQueryDto extends MarketInputsDto {
  @ApiPropertyOptional({ example: 5_000 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber(finite)
  @Min(0)
  otherDirectCostUsdPerBtc?: number;

  @ApiPropertyOptional({ example: 8_000 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber(finite)
  @Min(0)
  sgaExSbcUsdPerBtc?: number;

  @ApiPropertyOptional({ example: 1_000 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber(finite)
  @Min(0)
  interestUsdPerBtc?: number;

  @ApiPropertyOptional({ description: 'conversion price of the convertible notes; default the share price' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber(finite)
  @IsPositive()
  convertibleConversionPriceUsd?: number;
}
