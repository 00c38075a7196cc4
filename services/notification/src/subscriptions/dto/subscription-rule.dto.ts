import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { badRequest } from '@hashdesk/platform';
import { assertUnreachable } from '@hashdesk/economics';
import type { SubscriptionRule } from '../subscription-rule';

const KINDS = ['threshold', 'crossing', 'percent-change', 'leaving-range'] as const;

/** One rule; which fields are required depends on `kind` (see subscription-rule.ts). */
export class SubscriptionRuleDto {
  @ApiProperty({ enum: KINDS })
  @IsIn(KINDS)
  kind!: (typeof KINDS)[number];

  @ApiProperty({ example: 'hashprice_usd_per_ph_day', description: 'a metric of the event, e.g. hashprice_usd_per_ph_day, btc_price_usd, hashrate_ehs, or an alert metric' })
  @IsString()
  @Length(1, 100)
  metric!: string;

  @ApiPropertyOptional({ description: 'threshold and crossing' })
  @ValidateIf((o: SubscriptionRuleDto) => o.kind === 'threshold' || o.kind === 'crossing')
  @IsNumber({ allowNaN: false, allowInfinity: false })
  threshold?: number;

  @ApiPropertyOptional({ enum: ['above', 'below', 'up', 'down', 'either'], description: 'threshold: above|below; crossing and percent-change: up|down|either' })
  @ValidateIf((o: SubscriptionRuleDto) => o.kind !== 'leaving-range')
  @IsIn(['above', 'below', 'up', 'down', 'either'])
  direction?: string;

  @ApiPropertyOptional({ description: 'percent-change: minimum change in percent' })
  @ValidateIf((o: SubscriptionRuleDto) => o.kind === 'percent-change')
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.0001)
  percent?: number;

  @ApiPropertyOptional({ description: 'percent-change: the window, in seconds of event time' })
  @ValidateIf((o: SubscriptionRuleDto) => o.kind === 'percent-change')
  @IsInt()
  @Min(1)
  @Max(366 * 86_400)
  windowSeconds?: number;

  @ApiPropertyOptional({ description: 'leaving-range: lower bound' })
  @ValidateIf((o: SubscriptionRuleDto) => o.kind === 'leaving-range')
  @IsNumber({ allowNaN: false, allowInfinity: false })
  low?: number;

  @ApiPropertyOptional({ description: 'leaving-range: upper bound' })
  @ValidateIf((o: SubscriptionRuleDto) => o.kind === 'leaving-range')
  @IsNumber({ allowNaN: false, allowInfinity: false })
  high?: number;
}

/** The DTO as a domain rule; a direction that does not fit the kind is a 400 naming rule.direction. */
export function toSubscriptionRule(dto: SubscriptionRuleDto): SubscriptionRule {
  const direction = (allowed: string[]) => {
    if (!allowed.includes(dto.direction ?? '')) {
      throw badRequest([{ field: 'rule.direction', rule: 'isIn', message: `must be one of ${allowed.join(', ')} for a ${dto.kind} rule` }]);
    }
    return dto.direction as never;
  };
  switch (dto.kind) {
    case 'threshold':
      return { kind: 'threshold', metric: dto.metric, threshold: (dto.threshold as number), direction: direction(['above', 'below']) };
    case 'crossing':
      return { kind: 'crossing', metric: dto.metric, threshold: (dto.threshold as number), direction: direction(['up', 'down', 'either']) };
    case 'percent-change':
      return { kind: 'percent-change', metric: dto.metric, percent: (dto.percent as number), windowSeconds: (dto.windowSeconds as number), direction: direction(['up', 'down', 'either']) };
    case 'leaving-range':
      if ((dto.low as number) > (dto.high as number)) throw badRequest([{ field: 'rule.low', rule: 'notAboveHigh', message: 'must not be above rule.high' }]);
      return { kind: 'leaving-range', metric: dto.metric, low: (dto.low as number), high: (dto.high as number) };
    default:
      return assertUnreachable(dto.kind);
  }
}
