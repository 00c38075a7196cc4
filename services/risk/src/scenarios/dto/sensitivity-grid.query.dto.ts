import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNumber, IsOptional, IsPositive, Min } from 'class-validator';

export const GRID_KINDS = ['btc-x-power', 'btc-x-difficulty'] as const;
export type GridKind = (typeof GRID_KINDS)[number];

export const GRID_METRICS = [
  'allInMarginRatio', 'directMarginRatio', 'allInCostToPriceRatio', 'ebitdaRunRateUsdPerYear', 'netCashFlowUsdPerMonth', 'liquidityRunwayMonths', 'equityValuePerShareUsd',
  // Power only: what a fleet's efficiency and power price alone decide, known for more companies than the opex-based margins.
  'powerMarginRatio', 'powerCostPerBtcUsd',
] as const;
/** Grid metrics read from the company metrics rather than the scenario figures. */
export const POWER_GRID_METRICS: ReadonlySet<GridMetric> = new Set(['powerMarginRatio', 'powerCostPerBtcUsd']);
export type GridMetric = (typeof GRID_METRICS)[number];

const finite = { allowNaN: false, allowInfinity: false };
const toNumber = (v: unknown): number => (typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'number' ? v : Number.NaN);
/** `1,2,3` or a repeated parameter → numbers (NaN for what is not one, which @IsNumber then names). */
const numberList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map(toNumber) : Array.isArray(value) ? value.flatMap((v) => String(v).split(',')).map(toNumber) : value);

/** GET /v1/risk/companies/{ticker}/grid. Axes are comma-separated lists; defaults are centred on the stored market. */
export class SensitivityGridQueryDto {
  @ApiProperty({ enum: GRID_KINDS, description: 'btc-x-power: BTC price × power price ($/kWh); btc-x-difficulty: BTC price × difficulty growth a year ahead (ratio)' })
  @IsIn(GRID_KINDS as unknown as string[], { message: `must be one of ${GRID_KINDS.join(', ')}` })
  kind!: GridKind;

  @ApiPropertyOptional({ enum: GRID_METRICS, default: 'allInMarginRatio' })
  @IsOptional()
  @IsIn(GRID_METRICS as unknown as string[], { message: `must be one of ${GRID_METRICS.join(', ')}` })
  metric?: GridMetric;

  @ApiPropertyOptional({ example: '40000,60000,80000,100000,120000', description: 'row axis, USD; default the stored price × 0.4 … 2' })
  @IsOptional()
  @Transform(numberList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsNumber(finite, { each: true })
  @IsPositive({ each: true })
  btcPricesUsd?: number[];

  @ApiPropertyOptional({
    example: '0.03,0.04,0.05,0.06',
    description: "column axis of btc-x-power, $/kWh; default 0.03 … 0.08. For btc-x-difficulty: one price, the power price assumed in every cell (default the company's own)",
  })
  @IsOptional()
  @Transform(numberList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsNumber(finite, { each: true })
  @Min(0, { each: true })
  powerUsdPerKwh?: number[];

  @ApiPropertyOptional({ example: '0,0.1,0.25,0.5', description: 'column axis of btc-x-difficulty, growth ratio per year; default 0 … 1' })
  @IsOptional()
  @Transform(numberList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsNumber(finite, { each: true })
  difficultyGrowthRatios?: number[];
}
