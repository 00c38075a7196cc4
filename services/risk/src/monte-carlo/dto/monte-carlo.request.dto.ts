import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, Validate, ValidateIf, ValidateNested,
  ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface,
} from 'class-validator';
import { BalanceSheetOverridesDto, CompanyInputsDto, CostAssumptionsDto } from '../../scenarios/dto/company-options.dto';

const finite = { allowNaN: false, allowInfinity: false };
export const MONTE_CARLO_MODELS = ['gbm', 'block-bootstrap'] as const;
const TICKER = /^[A-Za-z.]{1,10}$/;
/** At most this many companies in one run (the economics library's limit). */
export const MAX_MONTE_CARLO_TICKERS = 64;

/** `tickers`: the string "all", or 1 to 64 distinct tickers. The message names the first offending entry. */
@ValidatorConstraint({ name: 'tickerList', async: false })
export class TickerListConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return tickerListProblem(value) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return tickerListProblem(args.value) ?? 'must be "all" or a list of tickers';
  }
}

export function tickerListProblem(value: unknown): string | null {
  if (value === 'all') return null;
  if (!Array.isArray(value)) return 'must be "all" or a list of tickers';
  if (value.length === 0 || value.length > MAX_MONTE_CARLO_TICKERS) return `must list 1 to ${MAX_MONTE_CARLO_TICKERS} tickers (or be "all")`;
  const seen = new Set<string>();
  for (const [i, ticker] of value.entries()) {
    if (typeof ticker !== 'string' || !TICKER.test(ticker)) return `tickers[${i}] must be a ticker (letters, 1 to 10)`;
    const upper = ticker.toUpperCase();
    if (seen.has(upper)) return `tickers[${i}] repeats ${upper}`;
    seen.add(upper);
  }
  return null;
}

/** `ticker` and `tickers` are alternatives: a request names one company or a list, not both. */
@ValidatorConstraint({ name: 'notWithTicker', async: false })
export class NotWithTickerConstraint implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return (args.object as { ticker?: unknown }).ticker === undefined;
  }

  defaultMessage(): string {
    return 'give either ticker (one company) or tickers (a list or "all"), not both';
  }
}

/** `balanceSheet` replaces one company's figures: with a list, each company's go under overrides[]. */
@ValidatorConstraint({ name: 'singleTickerOnly', async: false })
export class SingleTickerOnlyConstraint implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return (args.object as { tickers?: unknown }).tickers === undefined;
  }

  defaultMessage(): string {
    return 'applies to a single ticker: with tickers, give each company\'s figures under overrides[].balanceSheet';
  }
}

/** One company's own inputs in a run: balance-sheet figures and per-BTC cost assumptions. */
export class MonteCarloCompanyOverrideDto {
  @ApiProperty({ example: 'RIOT', description: 'one of the companies simulated' })
  @IsString()
  @Matches(TICKER, { message: 'must be a ticker (letters, 1 to 10)' })
  ticker!: string;

  @ApiPropertyOptional({ type: BalanceSheetOverridesDto, description: 'replace this company\'s recorded balance-sheet figures' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BalanceSheetOverridesDto)
  balanceSheet?: BalanceSheetOverridesDto;

  @ApiPropertyOptional({ type: CostAssumptionsDto, description: 'per-BTC costs for this company where its profile has no period figure (over the request\'s assumptions)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CostAssumptionsDto)
  assumptions?: CostAssumptionsDto;
}

export class MonteCarloRequestDto extends CompanyInputsDto {
  @ApiPropertyOptional({ example: 'RIOT', description: 'one company (exactly one of ticker and tickers); its result has the same shape as a list\'s' })
  @ValidateIf((o: MonteCarloRequestDto) => o.tickers === undefined)
  @IsDefined({ message: 'is required unless tickers is given' })
  @IsString()
  @Matches(TICKER, { message: 'must be a ticker (letters, 1 to 10)' })
  ticker?: string;

  @ApiPropertyOptional({
    oneOf: [{ type: 'array', items: { type: 'string' }, minItems: 1, maxItems: MAX_MONTE_CARLO_TICKERS }, { type: 'string', enum: ['all'] }],
    example: ['RIOT', 'CLSK', 'MARA'],
    description:
      'a universe run: up to 64 distinct tickers, or "all" (every company risk holds a profile of). All companies are simulated on the same price and difficulty paths ' +
      '(common random numbers), so the ranking compares like with like; a company that cannot be simulated is listed in skippedCompanies with its reason',
  })
  @IsOptional()
  @Validate(TickerListConstraint)
  @Validate(NotWithTickerConstraint)
  tickers?: string[] | 'all';

  @ApiPropertyOptional({ type: [MonteCarloCompanyOverrideDto], description: 'per-company balance-sheet figures and per-BTC costs (one entry per ticker, among those simulated)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MONTE_CARLO_TICKERS)
  @ValidateNested({ each: true })
  @Type(() => MonteCarloCompanyOverrideDto)
  overrides?: MonteCarloCompanyOverrideDto[];

  @ApiPropertyOptional({
    type: CostAssumptionsDto,
    description:
      'per-BTC costs for every company simulated, used only where its profile has no period figure; a company\'s overrides[].assumptions take precedence; ' +
      'where neither gives one, the illustrative Riot per-BTC figure (monte-carlo/illustrative-opex.ts) stands in. Each stand-in used is named per company and figure in companies[].fallbacks',
  })
  override assumptions?: CostAssumptionsDto;

  @ApiPropertyOptional({ type: BalanceSheetOverridesDto, description: 'single ticker only: replace its recorded balance-sheet figures (with tickers use overrides[].balanceSheet)' })
  @Validate(SingleTickerOnlyConstraint)
  override balanceSheet?: BalanceSheetOverridesDto;

  @ApiProperty({ example: 2025, description: 'the same seed and inputs give the same result; path i is the same market in every run with this seed, whichever companies it holds' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  seed!: number;

  @ApiProperty({ example: 20_000 })
  @IsInt()
  @Min(100)
  @Max(200_000)
  paths!: number;

  @ApiProperty({ example: 12, description: 'months simulated; probabilities are reported at 3, 6 and 12 months within it and at the horizon; the ranking and the lowest-runway quantiles at 12 months (or the horizon when shorter)' })
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
