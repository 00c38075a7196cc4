import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE } from '@hashdesk/platform';
import { DEFAULT_SUBSCRIBER_ID } from '../migrations/1732400000410-subscriptions.migration';
import { apiKeyPrefix, hashApiKey, newApiKey } from './api-key.util';
import type { SubscriptionInput, SubscriptionRow } from './subscription.model';
import { SubscriptionException, SubscriptionExceptionCode } from './subscription.exception';
import { newWebhookSecret } from '../deliveries/webhook-signature';
import { SECRET_CIPHER, type SecretCipher } from '../secrets/secret-cipher';

export interface Subscriber {
  id: string;
  name: string;
}

/**
 * Subscribers and subscriptions in PostgreSQL. Every read and write of a subscription is scoped to its
 * subscriber. Signing secrets are stored sealed by the SecretCipher: only ciphertext reaches SQL (and
 * so any driver error that would echo its parameters).
 */
@Injectable()
export class SubscriptionsRepository {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SECRET_CIPHER) private readonly cipher: SecretCipher,
  ) {}

  async createSubscriber(name: string): Promise<{ subscriber: Subscriber & { createdAt: Date }; apiKey: string }> {
    const apiKey = newApiKey();
    const [row] = await this.dataSource.query(
      'INSERT INTO subscriber (name, api_key_hash, api_key_prefix) VALUES ($1, $2, $3) RETURNING id, name, created_at',
      [name, hashApiKey(apiKey), apiKeyPrefix(apiKey)],
    );
    return { subscriber: { id: row.id, name: row.name, createdAt: row.created_at }, apiKey };
  }

  /** A new key replaces the old one at once. */
  async rotateApiKey(subscriberId: string): Promise<string> {
    const apiKey = newApiKey();
    await this.dataSource.query('UPDATE subscriber SET api_key_hash = $2, api_key_prefix = $3, api_key_rotated_at = now() WHERE id = $1', [
      subscriberId, hashApiKey(apiKey), apiKeyPrefix(apiKey),
    ]);
    return apiKey;
  }

  async findSubscriberByApiKey(apiKey: string): Promise<Subscriber | undefined> {
    const [row] = await this.dataSource.query('SELECT id, name FROM subscriber WHERE api_key_hash = $1 AND id <> $2', [hashApiKey(apiKey), DEFAULT_SUBSCRIBER_ID]);
    return row ? { id: row.id, name: row.name } : undefined;
  }

  list(subscriberId: string): Promise<SubscriptionRow[]> {
    return this.dataSource.query('SELECT * FROM subscription WHERE subscriber_id = $1 ORDER BY created_at, id', [subscriberId]);
  }

  async get(subscriberId: string, id: string, em: EntityManager = this.dataSource.manager): Promise<SubscriptionRow> {
    const [row] = await em.query('SELECT * FROM subscription WHERE id = $1 AND subscriber_id = $2', [id, subscriberId]);
    if (!row) throw new SubscriptionException(SubscriptionExceptionCode.SUBSCRIPTION_NOT_FOUND, `no subscription ${id}`);
    return row;
  }

  /** The row, with `secret` in plaintext: the creator is shown it once, in the response. */
  async create(subscriberId: string, input: SubscriptionInput): Promise<SubscriptionRow> {
    const secret = input.channel === 'webhook' ? newWebhookSecret() : null;
    const sealed = secret === null ? null : await this.cipher.encrypt(secret);
    const [row] = await this.dataSource.query(
      `INSERT INTO subscription (subscriber_id, name, channel, url, secret, event_types, subjects, severities, rule, cooldown_seconds, digest_interval_seconds, enabled, email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
      [
        subscriberId, input.name ?? '', input.channel, input.url ?? null, sealed, input.eventTypes ?? [], input.tickers ?? [], input.severities ?? [],
        input.rule ? JSON.stringify(input.rule) : null, input.cooldownSeconds ?? 0, input.digestIntervalSeconds ?? null, input.enabled ?? true,
        input.email ?? null,
      ],
    );
    return { ...row, secret };
  }

  /** Re-enabling clears the failure count, so a disabled endpoint gets a fresh start. */
  async update(subscriberId: string, id: string, patch: Partial<SubscriptionInput>): Promise<SubscriptionRow> {
    await this.get(subscriberId, id);
    const sets: string[] = [];
    const params: unknown[] = [id, subscriberId];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (patch.name !== undefined) set('name', patch.name);
    if (patch.url !== undefined) set('url', patch.url);
    if (patch.email !== undefined) set('email', patch.email);
    if (patch.eventTypes !== undefined) set('event_types', patch.eventTypes);
    if (patch.tickers !== undefined) set('subjects', patch.tickers);
    if (patch.severities !== undefined) set('severities', patch.severities);
    if (patch.rule !== undefined) set('rule', patch.rule ? JSON.stringify(patch.rule) : null);
    if (patch.cooldownSeconds !== undefined) set('cooldown_seconds', patch.cooldownSeconds);
    if (patch.digestIntervalSeconds !== undefined) set('digest_interval_seconds', patch.digestIntervalSeconds);
    if (patch.enabled !== undefined) {
      set('enabled', patch.enabled);
      if (patch.enabled) sets.push('disabled_at = NULL', 'disabled_reason = NULL', 'consecutive_failures = 0');
    }
    sets.push('updated_at = now()');
    const [rows] = await this.dataSource.query(`UPDATE subscription SET ${sets.join(', ')} WHERE id = $1 AND subscriber_id = $2 RETURNING *`, params);
    if (patch.rule !== undefined) await this.dataSource.query('DELETE FROM subscription_state WHERE subscription_id = $1', [id]);
    return rows[0];
  }

  async remove(subscriberId: string, id: string): Promise<void> {
    await this.get(subscriberId, id);
    await this.dataSource.query('DELETE FROM subscription WHERE id = $1 AND subscriber_id = $2', [id, subscriberId]);
  }

  /** The new secret signs from now on; the old one keeps signing too until the overlap ends. */
  async rotateSecret(subscriberId: string, id: string, overlapSeconds: number): Promise<{ secret: string; previousSecretExpiresAt: Date }> {
    const current = await this.get(subscriberId, id);
    if (current.channel !== 'webhook') throw new SubscriptionException(SubscriptionExceptionCode.NOT_A_WEBHOOK, 'only webhook subscriptions have a signing secret', 'channel');
    const secret = newWebhookSecret();
    const [rows] = await this.dataSource.query(
      // The outgoing secret moves over still sealed.
      `UPDATE subscription SET previous_secret = secret, secret = $3, previous_secret_expires_at = now() + make_interval(secs => $4), updated_at = now()
        WHERE id = $1 AND subscriber_id = $2 RETURNING previous_secret_expires_at`,
      [id, subscriberId, await this.cipher.encrypt(secret), overlapSeconds],
    );
    return { secret, previousSecretExpiresAt: rows[0].previous_secret_expires_at };
  }

  /** Points the built-in subscription at NOTIFICATION_WEBHOOK_URL (or switches it off when unset). */
  async configureDefault(subscriptionId: string, url: string | undefined, secret: string | undefined): Promise<void> {
    await this.dataSource.query('UPDATE subscription SET url = $2, secret = $3, enabled = $4, updated_at = now() WHERE id = $1', [
      subscriptionId, url ?? null, secret ? await this.cipher.encrypt(secret) : null, !!url,
    ]);
  }
}
