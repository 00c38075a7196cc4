import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUrl, Matches, Max, Min } from 'class-validator';
import { InfraEnv, portFromEnv } from '@hashdesk/config';

export class NotificationEnv extends InfraEnv {
  @Transform(portFromEnv)
  @IsInt({ message: 'must be a TCP port number' })
  @Min(1)
  @Max(65535)
  NOTIFICATION_HTTP_PORT = 3004;

  /** Where alerts are POSTed as JSON. Without it alerts are recorded but not delivered. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  NOTIFICATION_WEBHOOK_URL?: string;

  /** Standard Webhooks signing secret (whsec_ + base64). Deliveries are signed when it is set. */
  @IsOptional()
  @Matches(/^whsec_[A-Za-z0-9+/]+=*$/, { message: 'must be whsec_ followed by base64' })
  NOTIFICATION_WEBHOOK_SECRET?: string;

  @Transform(portFromEnv)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(50)
  NOTIFICATION_MAX_ATTEMPTS = 8;
}
