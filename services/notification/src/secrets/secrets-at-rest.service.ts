import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, LOGGER } from '@hashdesk/platform';
import type { Logger } from '@hashdesk/observability';
import { SECRET_CIPHER, type SecretCipher } from './secret-cipher';
import { SECRET_KEYS_VARIABLE } from './secret-keys';
import { resealSecrets } from './secret-resealer';

/**
 * At start-up: seals any webhook secret still stored in plaintext (rows from before encryption at
 * rest), and refuses to start when a stored secret cannot be opened with NOTIFICATION_SECRET_KEYS
 * (a key removed before rotate-secrets re-sealed what it sealed), instead of failing every delivery.
 */
@Injectable()
export class SecretsAtRest implements OnModuleInit {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SECRET_CIPHER) private readonly cipher: SecretCipher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const summary = await resealSecrets((sql, params) => this.dataSource.query(sql, params), this.cipher, { rotate: false });
    if (summary.sealed > 0) this.logger.info({ sealed: summary.sealed }, 'webhook secrets stored in plaintext are now encrypted');
    if (summary.unreadable > 0) {
      throw new Error(
        `${summary.unreadable} stored webhook secret(s) cannot be decrypted with ${SECRET_KEYS_VARIABLE} (${summary.reasons.join('; ')}). ` +
          `Keep an old key listed after the active one until rotate-secrets has re-encrypted everything it sealed.`,
      );
    }
  }
}
