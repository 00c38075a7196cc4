import { ToDecimalNumber } from '@hashdesk/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, Max, Min } from 'class-validator';

export class MachineBreakevenQueryDto {
  @ApiPropertyOptional({
    example: 0.05, minimum: 0, maximum: 10,
    description: 'Power price, USD/kWh: each row gives profit, break-even hashprice and shutdown BTC price at it (default: the reference prices 0.04, 0.06, 0.08)',
  })
  @IsOptional()
  @ToDecimalNumber()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number (USD/kWh)' })
  @Min(0, { message: 'must be 0 or more' })
  @Max(10, { message: 'must be at most 10' })
  powerUsdPerKwh?: number;
}
