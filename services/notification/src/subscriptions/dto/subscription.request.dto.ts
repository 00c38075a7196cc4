import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Max, Min, ValidateIf, ValidateNested, IsObject } from 'class-validator';
import { CHANNELS, SEVERITIES, type Channel } from '../subscription.model';
import { SubscriptionRuleDto } from './subscription-rule.dto';

export class CreateSubscriptionRequestDto {
  @ApiPropertyOptional({ example: 'hashprice floor to the ops webhook' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  name?: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiPropertyOptional({ description: 'webhook and slack: where to POST (checked against SSRF)', example: 'https://hooks.example.com/hashdesk' })
  @ValidateIf((o: CreateSubscriptionRequestDto) => o.channel === 'webhook' || o.channel === 'slack' || o.url !== undefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @Length(1, 2_000)
  url?: string;

  @ApiPropertyOptional({ description: 'email: the address to send to (over NOTIFICATION_SMTP_URL)', example: 'ops@example.com' })
  @ValidateIf((o: CreateSubscriptionRequestDto) => o.channel === 'email' || o.email !== undefined)
  @IsEmail({}, { message: 'must be an email address' })
  @Length(3, 320)
  email?: string;

  @ApiPropertyOptional({ type: [String], example: ['hashdesk.v1.AlertRaised', 'hashdesk.v1.HashpriceComputed'], description: 'empty: all' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ type: [String], example: ['network', 'MARA'], description: 'subjects: "network" or company tickers; empty: all' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  tickers?: string[];

  @ApiPropertyOptional({ type: [String], enum: SEVERITIES, description: 'alerts only; empty: all' })
  @IsOptional()
  @IsArray()
  @IsIn(SEVERITIES, { each: true })
  severities?: string[];

  @ApiPropertyOptional({ type: SubscriptionRuleDto })
  // Absent means no rule; null or an array is not a rule (both reached the service and were 500s).
  @ValidateIf((o: { rule?: unknown }) => o.rule !== undefined)
  @IsObject({ message: 'must be a rule object (omit it for none)' })
  @ValidateNested()
  @Type(() => SubscriptionRuleDto)
  rule?: SubscriptionRuleDto;

  @ApiPropertyOptional({ description: 'after firing, stay quiet this long (event time) per subject', default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30 * 86_400)
  cooldownSeconds?: number;

  @ApiPropertyOptional({ description: 'batch everything matched in this interval into one delivery' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7 * 86_400)
  digestIntervalSeconds?: number;
}

export class UpdateSubscriptionRequestDto extends PartialType(CreateSubscriptionRequestDto) {
  @ApiPropertyOptional({ description: 'false pauses deliveries; true also re-enables an endpoint disabled after failures' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
