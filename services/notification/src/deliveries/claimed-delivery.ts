import type { Channel } from '../subscriptions/subscription.model';

/** A due delivery leased by the worker, with what its subscription says about where and how to send it. */
export interface ClaimedDelivery {
  id: string;
  event_id: string;
  event_type: string | null;
  event_time: Date | null;
  body: string;
  traceparent: string | null;
  attempts: number;
  created_at: Date;
  subscription_id: string;
  subscriber_id: string;
  channel: Channel;
  url: string | null;
  email: string | null;
  secret: string | null;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  consecutive_failures: number;
}

export type SendOutcome =
  | { ok: true; statusCode?: number; /** the sender already marked it delivered in its own transaction */ recorded?: boolean }
  | { ok: false; statusCode?: number; error: string; retryAfterMs?: number; /** retrying cannot help */ permanent?: boolean };
