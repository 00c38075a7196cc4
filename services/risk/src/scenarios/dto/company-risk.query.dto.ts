import { ToDecimalNumber } from '@hashdesk/platform';
import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsPositive } from 'class-validator';
import { MarketInputsDto } from '../../market/dto/market-inputs.dto';
import { CostAssumptionsDto } from './company-options.dto';

const finite = { allowNaN: false, allowInfinity: false };

/** GET /v1/risk/companies/{ticker}: market inputs (each defaulting to the newest hashprice figure) and cost fallbacks. */
export class CompanyRiskQueryDto extends IntersectionType(MarketInputsDto, CostAssumptionsDto) {
  @ApiPropertyOptional({ description: 'conversion price of the convertible notes; default the share price' })
  @IsOptional()
  @ToDecimalNumber()
  @IsNumber(finite)
  @IsPositive()
  convertibleConversionPriceUsd?: number;
}
