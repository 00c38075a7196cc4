import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { InfraEnv, portFromEnv } from '@hashdesk/config';

export class IngestEnv extends InfraEnv {
  @Transform(portFromEnv)
  @IsInt({ message: 'must be a TCP port number' })
  @Min(1)
  @Max(65535)
  INGEST_HTTP_PORT = 3001;

  /**
   * `off` stores observations and their outbox rows but publishes nothing (maintenance, and the crash
   * tests that kill the service between the write and the publish). The next start with `on` publishes them.
   */
  @IsOptional()
  @IsIn(['on', 'off'], { message: 'must be on or off' })
  INGEST_OUTBOX_RELAY: 'on' | 'off' = 'on';
}
