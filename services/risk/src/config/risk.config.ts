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

  /** Worker threads of the Monte Carlo pool, started once at startup. */
  @Transform(toNumber)
  @IsInt({ message: 'must be a whole number of worker threads' })
  @Min(1)
  @Max(64)
  RISK_MONTE_CARLO_WORKERS = 2;

  /** Runs waiting per worker before POST /v1/risk/monte-carlo answers 503. */
  @Transform(toNumber)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(100)
  RISK_MONTE_CARLO_QUEUE_PER_WORKER = 4;
}
