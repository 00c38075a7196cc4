import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signature: base64(HMAC-SHA256(secret, "<id>.<timestamp>.<body>")), sent as
 * "v1,<signature>". The secret is "whsec_" + base64 of the key bytes.
 */
export function signWebhook(secret: string, webhookId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${webhookId}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${signature}`;
}

/**
 * The webhook-signature header for one or more secrets, space-separated as the specification allows:
 * during a rotation the new and the old secret both sign, so receivers with either one verify.
 */
export function signWebhookWithAll(secrets: string[], webhookId: string, timestampSeconds: number, body: string): string {
  return secrets.map((secret) => signWebhook(secret, webhookId, timestampSeconds, body)).join(' ');
}

/** A new signing secret: whsec_ + 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}
