import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signature: base64(HMAC-SHA256(secret, "<id>.<timestamp>.<body>")), sent as
 * "v1,<signature>". The secret is "whsec_" + base64 of the key bytes.
 */
export function signWebhook(secret: string, webhookId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${webhookId}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${signature}`;
}
