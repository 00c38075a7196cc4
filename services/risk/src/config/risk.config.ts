import { Transform } from 'class-transformer';
import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { InfraEnv, portFromEnv } from '@hashdesk/config';

const toNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value);

export class RiskEnv extends InfraEnv {
  @Transform(portFromEnv)
  @IsInt({ message: 'must be a TCP port number' })
  @Min(1)
  @Max(65535)
  RISK_HTTP_PORT = 3003;

  /** The network hashprice floor: below it the "hashprice floor" rule raises an alert. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number of USD per PH/s per day' })
  @Min(0)
  RISK_HASHPRICE_FLOOR_USD_PER_PH_DAY = 45;

  /** Hysteresis: the rule clears only when hashprice is this many percent above the floor, so noise does not flap. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number of percent' })
  @Min(0)
  @Max(100)
  RISK_HASHPRICE_RECOVERY_MARGIN_PCT = 2;
}
