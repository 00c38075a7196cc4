import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsPositive, Max, Min, ValidateIf } from 'class-validator';
import { STOP_LINE_KINDS, type StopLineKind } from '@hashdesk/economics';

const finite = { allowNaN: false, allowInfinity: false };
const when = (...kinds: StopLineKind[]) => ValidateIf((o: CreateStopLineRequestDto) => kinds.includes(o.kind));

/**
 * One stop line. Fields by kind (ratios, never percents):
 *   fixed: entryPriceUsd, dropRatio · trailing: trailRatio, entryPriceUsd? · atr: periods, atrMultiple, entryPriceUsd?
 *   break-even-hashprice: levelUsdPerPhDay? (default: the company's all-in hashcost at the current market)
 *   break-even-btc-price: levelUsd? (default: the company's break-even BTC price at the current market)
 *   runway-floor: floorMonths · loan-to-value: loanUsd, collateralBtc, maxLoanToValueRatio
 */
export class CreateStopLineRequestDto {
  @ApiProperty({ enum: STOP_LINE_KINDS })
  @IsIn(STOP_LINE_KINDS)
  kind!: StopLineKind;

  @ApiPropertyOptional({ example: 12.5 })
  @ValidateIf((o: CreateStopLineRequestDto) => o.kind === 'fixed' || o.entryPriceUsd !== undefined)
  @IsNumber(finite)
  @IsPositive()
  entryPriceUsd?: number;

  @ApiPropertyOptional({ example: 0.1 })
  @when('fixed')
  @IsNumber(finite)
  @Min(0)
  @Max(0.99)
  dropRatio?: number;

  @ApiPropertyOptional({ example: 0.15 })
  @when('trailing')
  @IsNumber(finite)
  @Min(0)
  @Max(0.99)
  trailRatio?: number;

  @ApiPropertyOptional({ example: 14 })
  @when('atr')
  @IsInt()
  @Min(1)
  @Max(250)
  periods?: number;

  @ApiPropertyOptional({ example: 3 })
  @when('atr')
  @IsNumber(finite)
  @IsPositive()
  atrMultiple?: number;

  @ApiPropertyOptional({ example: 45 })
  @IsOptional()
  @IsNumber(finite)
  @IsPositive()
  levelUsdPerPhDay?: number;

  @ApiPropertyOptional({ example: 70_000 })
  @IsOptional()
  @IsNumber(finite)
  @IsPositive()
  levelUsd?: number;

  @ApiPropertyOptional({ example: 12 })
  @when('runway-floor')
  @IsNumber(finite)
  @IsPositive()
  floorMonths?: number;

  @ApiPropertyOptional({ example: 50_000_000 })
  @when('loan-to-value')
  @IsNumber(finite)
  @Min(0)
  loanUsd?: number;

  @ApiPropertyOptional({ example: 1_000 })
  @when('loan-to-value')
  @IsNumber(finite)
  @IsPositive()
  collateralBtc?: number;

  @ApiPropertyOptional({ example: 0.7 })
  @when('loan-to-value')
  @IsNumber(finite)
  @IsPositive()
  @Max(10)
  maxLoanToValueRatio?: number;

  @ApiPropertyOptional({ example: 0.02, description: 'hysteresis band as a ratio of the level; default 0.02' })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(0.99)
  recoveryMarginRatio?: number;

  @ApiPropertyOptional({ example: true, description: 'a disabled line judges nothing and keeps its state; default true' })
  @ValidateIf((o: CreateStopLineRequestDto) => o.enabled !== undefined)
  @IsBoolean()
  enabled?: boolean;
}

/**
 * A change to a line: any of its fields but the kind (levels, ratios, the hysteresis band, enabled). The
 * merged line is validated as a whole by the rules above (a field's rule depends on the line's kind), so
 * a 400 still names the field.
 */
export class UpdateStopLineRequestDto extends PartialType(OmitType(CreateStopLineRequestDto, ['kind'] as const)) {}
