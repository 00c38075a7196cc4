import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { TEST_NOTIFICATION_SECRET_KEYS, WebhookReceiver } from '@hashdesk/testing';
import { ADMIN_TOKEN, EventPublisher, NotificationClient, verifiesWith } from './notification-harness';
import { Stack, WEBHOOK_SECRET } from './stack';

const ROOT = resolve(__dirname, '../../..');
const run = promisify(execFile);
const DEFAULT_SUBSCRIPTION_ID = '00000000-0000-4000-8000-000000000001';
const NEW_KEYS = `k2:${randomBytes(32).toString('base64')}`;
/** A secret as a release before encryption at rest stored it. */
const LEGACY_SECRET = `whsec_${randomBytes(24).toString('base64')}`;

/** Runs the rotation command against the stack's database; its exit code and JSON summary. */
async function rotateSecrets(databaseUrl: string, keys: string): Promise<{ code: number; summary: Record<string, number> }> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, NOTIFICATION_SECRET_KEYS: keys };
  try {
    const { stdout } = await run(process.execPath, ['-r', './scripts/register.js', 'services/notification/src/secrets/rotate-secrets.main.ts'], { cwd: ROOT, env });
    return { code: 0, summary: JSON.parse(stdout) };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    throw new Error(`rotate-secrets exited ${failed.code}: ${failed.stdout}${failed.stderr}`);
  }
}

/**
 * Webhook signing secrets at rest: what PostgreSQL holds is ciphertext (read with SQL), deliveries are
 * still signed with the secret the subscriber was shown, plaintext rows from before are sealed at
 * start-up, and key rotation re-encrypts everything so the old key can go.
 */
describe('notification: webhook signing secrets encrypted at rest', () => {
  const env: Record<string, string> = { NOTIFICATION_ADMIN_TOKEN: ADMIN_TOKEN };
  const stack = new Stack('secrets', env);
  const events = new EventPublisher(stack);
  const hook = new WebhookReceiver();
  let client: NotificationClient;
  let subscriptionId = '';
  const stored = async (id: string) =>
    (await stack.database.query<{ secret: string | null; previous_secret: string | null }>('SELECT secret, previous_secret FROM notification.subscription WHERE id = $1', [id]))[0];
  const restart = async () => {
    await stack.service('notification').stop();
    await stack.start('notification');
  };

  beforeAll(async () => {
    await stack.prepare();
    env.NOTIFICATION_URL_ALLOWLIST = new URL((await hook.start()).url()).origin;
    await stack.start('notification');
    client = await NotificationClient.register(stack.service('notification').url, 'secrets');
  });
  afterAll(async () => {
    await events.stop();
    await hook.stop();
    await stack.stopAll();
  });

  it('stores only ciphertext, for created, rotated and the built-in secrets; a delivery verifies with the secret the subscriber was shown', async () => {
    const created = await client.call('POST', '/v1/subscriptions', { channel: 'webhook', url: hook.url('/a'), tickers: ['SEC1'] });
    expect(created.status).toBe(201);
    subscriptionId = created.body.id;
    const shown: string = created.body.secret;
    expect(shown).toMatch(/^whsec_/);
    const row = await stored(subscriptionId);
    expect(row.secret).toMatch(/^v1:test1:/);
    expect(row.secret).not.toContain(shown.slice('whsec_'.length));
    const builtIn = await stored(DEFAULT_SUBSCRIPTION_ID);
    expect(builtIn.secret).toMatch(/^v1:test1:/);
    expect(builtIn.secret).not.toContain(WEBHOOK_SECRET.slice('whsec_'.length));

    const rotated = await client.call('POST', `/v1/subscriptions/${subscriptionId}/secret/rotate`);
    expect(rotated.status).toBe(200);
    const after = await stored(subscriptionId);
    expect(after.previous_secret).toBe(row.secret); // moved over still sealed
    expect(after.secret).toMatch(/^v1:test1:/);
    expect(after.secret).not.toContain(rotated.body.secret.slice('whsec_'.length));

    await events.alert('SEC1', 40);
    const [request] = await hook.waitFor(1);
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifiesWith(rotated.body.secret, request)).toBe(true);
    expect(verifiesWith(shown, request)).toBe(true);
  });

  it('seals a plaintext secret from before at start-up, and still signs with it', async () => {
    await stack.database.query('UPDATE notification.subscription SET secret = $2, previous_secret = NULL WHERE id = $1', [subscriptionId, LEGACY_SECRET]);
    await restart();
    const row = await stored(subscriptionId);
    expect(row.secret).toMatch(/^v1:test1:/);
    expect(row.secret).not.toContain(LEGACY_SECRET.slice('whsec_'.length));

    hook.requests.length = 0;
    await events.alert('SEC1', 41);
    const [request] = await hook.waitFor(1);
    expect(verifiesWith(LEGACY_SECRET, request)).toBe(true);
  });

  it('rotate-secrets re-encrypts every secret with the new key, picks up after an interruption, and the old key can then go', async () => {
    const beforeRotation = await stored(subscriptionId);
    const first = await rotateSecrets(stack.database.url, `${NEW_KEYS},${TEST_NOTIFICATION_SECRET_KEYS}`);
    expect(first.summary).toMatchObject({ resealed: 2, sealed: 0, unreadable: 0, changedMeanwhile: 0 }); // this subscription's and the built-in one's
    const sealed = await stack.database.query<{ secret: string }>('SELECT secret FROM notification.subscription WHERE secret IS NOT NULL');
    expect(sealed.map((r) => r.secret.split(':').slice(0, 2).join(':'))).toEqual(sealed.map(() => 'v1:k2'));

    // As if a run had stopped before reaching this row: the next run re-seals it and only it.
    await stack.database.query('UPDATE notification.subscription SET secret = $2 WHERE id = $1', [subscriptionId, beforeRotation.secret]);
    expect((await rotateSecrets(stack.database.url, `${NEW_KEYS},${TEST_NOTIFICATION_SECRET_KEYS}`)).summary).toMatchObject({ resealed: 1, unreadable: 0 });
    expect((await rotateSecrets(stack.database.url, `${NEW_KEYS},${TEST_NOTIFICATION_SECRET_KEYS}`)).summary).toMatchObject({ resealed: 0, sealed: 0, unreadable: 0 });

    env.NOTIFICATION_SECRET_KEYS = NEW_KEYS; // the old key is gone
    await restart();
    hook.requests.length = 0;
    await events.alert('SEC1', 42);
    const [request] = await hook.waitFor(1);
    expect(verifiesWith(LEGACY_SECRET, request)).toBe(true);
  });

  it('refuses to start without NOTIFICATION_SECRET_KEYS, or without the key the stored secrets need, saying which', async () => {
    const log = () => readFileSync(stack.service('notification').logFile, 'utf8');
    await stack.service('notification').stop();
    env.NOTIFICATION_SECRET_KEYS = '';
    await expect(stack.start('notification')).rejects.toThrow(/exited with code 1/);
    expect(log()).toMatch(/NOTIFICATION_SECRET_KEYS: is not set: .*openssl rand -base64 32/);

    env.NOTIFICATION_SECRET_KEYS = `k3:${randomBytes(32).toString('base64')}`;
    await expect(stack.start('notification')).rejects.toThrow(/exited with code 1/);
    expect(log()).toMatch(/cannot be decrypted with NOTIFICATION_SECRET_KEYS \(sealed with key k2, which NOTIFICATION_SECRET_KEYS does not hold\)/);
    expect(log()).not.toContain(LEGACY_SECRET.slice('whsec_'.length));
  });
});
