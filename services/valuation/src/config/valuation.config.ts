import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { InfraEnv, portFromEnv } from '@hashdesk/config';

export class ValuationEnv extends InfraEnv {
  @Transform(portFromEnv)
  @IsInt({ message: 'must be a TCP port number' })
  @Min(1)
  @Max(65535)
  VALUATION_HTTP_PORT = 3002;
}
