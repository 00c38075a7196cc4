import { ToDecimalNumber } from '@hashdesk/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export class DeliveriesQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'dead'] })
  @IsOptional()
  @IsIn(['pending', 'delivered', 'dead'])
  status?: 'pending' | 'delivered' | 'dead';

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  subscriptionId?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @ToDecimalNumber()
  @IsInt()
  @Min(1)
  @Max(1_000)
  limit?: number;

  @ApiPropertyOptional({ description: 'page: deliveries with a smaller id' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'must be a delivery id' })
  beforeId?: string;
}

export class ReplayAllRequestDto {
  @ApiPropertyOptional({ description: 'only this subscription\'s dead letters' })
  @IsOptional()
  @IsUUID()
  subscriptionId?: string;
}
