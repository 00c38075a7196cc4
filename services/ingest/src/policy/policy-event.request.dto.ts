import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, NotEquals } from 'class-validator';

export const POLICY_EVENT_KINDS = [
  'permit-denied', 'permit-revoked', 'permit-granted', 'moratorium', 'tax-change', 'tariff-change',
  'curtailment-order', 'regulation-adopted', 'regulation-proposed', 'court-ruling',
] as const;

/** One entry of the policy and permit register (POST /v1/policy-events). */
export class PolicyEventRequestDto {
  @ApiProperty({ example: 'US-NY', description: 'ISO 3166-2 subdivision or ISO 3166-1 alpha-2 country' })
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'must be an ISO 3166-2 code (US-NY) or an ISO 3166-1 alpha-2 country (PY)' })
  jurisdiction!: string;

  @ApiPropertyOptional({ example: ['GREE'], description: 'affected companies; empty or absent when none is named' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Z0-9.]{1,10}$/, { each: true, message: 'each must be 1-10 upper-case letters, digits or dots' })
  tickers?: string[];

  @ApiProperty({ enum: POLICY_EVENT_KINDS })
  @IsIn(POLICY_EVENT_KINDS)
  kind!: (typeof POLICY_EVENT_KINDS)[number];

  @ApiProperty({ example: -3, description: '-3 (severe adverse) … -1 adverse, +1 … +3 favourable; never 0' })
  @IsInt()
  @Min(-3)
  @Max(3)
  @NotEquals(0, { message: 'must not be 0: an event in the register is adverse (< 0) or favourable (> 0)' })
  impact!: number;

  @ApiProperty({ example: '2022-06-30T00:00:00Z', description: 'when the decision takes or took effect' })
  @IsISO8601({ strict: true })
  effectiveAt!: string;

  @ApiProperty({ example: 'NY DEC denies the Title V air permit renewal of the Greenidge power plant' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiProperty({ example: 'https://dec.ny.gov' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2_000)
  sourceUrl!: string;

  @ApiPropertyOptional({ example: 'NY DEC' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  authority?: string;
}
