import { ToDecimalNumber } from '@hashdesk/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsPositive, Max, Min, ValidateNested } from 'class-validator';
import { MarketInputsDto } from '../../market/dto/market-inputs.dto';

const finite = { allowNaN: false, allowInfinity: false };

/** Per-BTC cost fallbacks where the profile's period opex is unknown (company assumptions, echoed in results). */
export class CostAssumptionsDto {
  @ApiPropertyOptional({ example: 5_000 })
  @IsOptional()
  @ToDecimalNumber()
  @IsNumber(finite)
  @Min(0)
  @Max(10_000_000)
  otherDirectCostUsdPerBtc?: number;

  @ApiPropertyOptional({ example: 8_000 })
  @IsOptional()
  @ToDecimalNumber()
  @IsNumber(finite)
  @Min(0)
  @Max(10_000_000)
  sgaExSbcUsdPerBtc?: number;

  @ApiPropertyOptional({ example: 1_000 })
  @IsOptional()
  @ToDecimalNumber()
  @IsNumber(finite)
  @Min(0)
  @Max(10_000_000)
  interestUsdPerBtc?: number;
}

/** Balance-sheet figures that replace the recorded profile's (its nulls, or a newer filing). */
export class BalanceSheetOverridesDto {
  @ApiPropertyOptional({ example: 800e6 })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(1e13)
  totalDebtUsd?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(1e13)
  cashUsd?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(21_000_000)
  btcHeld?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(finite)
  @IsPositive()
  @Max(1e12)
  sharesOutstanding?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(1e13)
  convertibleNotesUsd?: number;
}

/**
 * What every company request may bring besides its own fields: market inputs (default: the newest
 * hashprice figure), per-BTC cost fallbacks (default: the illustrative opex of monte-carlo/illustrative-opex.ts)
 * and balance-sheet overrides.
 */
export class CompanyInputsDto {
  @ApiPropertyOptional({ type: MarketInputsDto, description: 'default: the newest hashprice figure' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MarketInputsDto)
  market?: MarketInputsDto;

  @ApiPropertyOptional({ type: CostAssumptionsDto, description: 'per-BTC opex used where the profile has none; the scenario endpoints apply only what is given here (the illustrative figures are a Monte Carlo fallback, named in its answer)' })
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
