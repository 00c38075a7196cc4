import type { SubscriptionRule } from './subscription-rule';

export const CHANNELS = ['webhook', 'slack', 'kafka', 'sse', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
export const SEVERITIES = ['info', 'warning', 'critical'] as const;

/** A subscription row as PostgreSQL returns it. */
export interface SubscriptionRow {
  id: string;
  subscriber_id: string;
  name: string;
  channel: Channel;
  url: string | null;
  email: string | null;
  secret: string | null;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  event_types: string[];
  subjects: string[];
  severities: string[];
  rule: SubscriptionRule | null;
  cooldown_seconds: number;
  digest_interval_seconds: number | null;
  enabled: boolean;
  consecutive_failures: number;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface SubscriptionInput {
  name?: string;
  channel: Channel;
  url?: string | null;
  email?: string | null;
  eventTypes?: string[];
  tickers?: string[];
  severities?: string[];
  rule?: SubscriptionRule | null;
  cooldownSeconds?: number;
  digestIntervalSeconds?: number | null;
  enabled?: boolean;
}

/** What the API shows of a subscription: never the secret (that is returned only on create and rotate). */
export function toSubscriptionView(row: SubscriptionRow) {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    url: row.url,
    email: row.email,
    eventTypes: row.event_types,
    tickers: row.subjects,
    severities: row.severities,
    rule: row.rule,
    cooldownSeconds: row.cooldown_seconds,
    digestIntervalSeconds: row.digest_interval_seconds,
    enabled: row.enabled,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
    consecutiveFailures: row.consecutive_failures,
    secretRotationOverlapUntil: row.previous_secret ? row.previous_secret_expires_at : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type SubscriptionView = ReturnType<typeof toSubscriptionView>;
