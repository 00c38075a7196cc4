import { ToDecimalNumber } from '@hashdesk/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsPositive, Min, ValidateNested } from 'class-validator';
import { MarketInputsDto } from '../../market/dto/market-inputs.dto';

const finite = { allowNaN: false, allowInfinity: false };

/** Per-BTC cost fallbacks where the profile's period opex is unknown (company assumptions, echoed in results). */
export class CostAssumptionsDto {
  @ApiPropertyOptional({ example: 5_000 })
  @IsOptional()
  @ToDecimalNumber()
  @IsNumber(finite)
  @Min(0)
  otherDirectCostUsdPerBtc?: number;

  @ApiPropertyOptional({ example: 8_000 })
  @IsOptional()
  @ToDecimalNumber()
  @IsNumber(finite)
  @Min(0)
  sgaExSbcUsdPerBtc?: number;

  @ApiPropertyOptional({ example: 1_000 })
  @IsOptional()
  @ToDecimalNumber()
  @IsNumber(finite)
  @Min(0)
  interestUsdPerBtc?: number;
}

/** Balance-sheet figures that replace the shipped profile's (its nulls, or a newer filing). */
export class BalanceSheetOverridesDto {
  @ApiPropertyOptional({ example: 800e6 })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  totalDebtUsd?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  cashUsd?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  btcHeld?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(finite)
  @IsPositive()
  sharesOutstanding?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  convertibleNotesUsd?: number;
}

/**
 * What every company request may bring besides its own fields: market inputs (default: the newest
 * hashprice figure), per-BTC cost fallbacks (default: the illustrative opex of shipped-company-profiles.ts)
 * and balance-sheet overrides.
 */
export class CompanyInputsDto {
  @ApiPropertyOptional({ type: MarketInputsDto, description: 'default: the newest hashprice figure' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MarketInputsDto)
  market?: MarketInputsDto;

  @ApiPropertyOptional({ type: CostAssumptionsDto, description: 'default: the illustrative per-BTC opex of shipped-company-profiles.ts' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CostAssumptionsDto)
  assumptions?: CostAssumptionsDto;

  @ApiPropertyOptional({ type: BalanceSheetOverridesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BalanceSheetOverridesDto)
  balanceSheet?: BalanceSheetOverridesDto;
}
