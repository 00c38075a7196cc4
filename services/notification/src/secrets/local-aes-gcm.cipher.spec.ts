import { randomBytes } from 'node:crypto';
import { LocalAesGcmCipher } from './local-aes-gcm.cipher';
import { parseSecretKeys, secretKeysProblem } from './secret-keys';

const key = () => randomBytes(32).toString('base64');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('LocalAesGcmCipher', () => {
  const k1 = key();
  const k2 = key();

  it('seals to v1:<key id>:<nonce>:<ciphertext>, never showing the secret, and opens it again', async () => {
    const cipher = LocalAesGcmCipher.fromEnv(`k1:${k1}`);
    const sealed = await cipher.encrypt(SECRET);
    expect(sealed).toMatch(/^v1:k1:[A-Za-z0-9+/]+={0,2}:[A-Za-z0-9+/]+={0,2}$/);
    expect(sealed).not.toContain(SECRET.slice('whsec_'.length));
    expect(await cipher.encrypt(SECRET)).not.toBe(sealed); // a fresh nonce every time
    expect(await cipher.decrypt(sealed)).toBe(SECRET);
  });

  it('refuses a value sealed with a key it does not hold, or one that authenticates under another key of the same id', async () => {
    const sealed = await LocalAesGcmCipher.fromEnv(`k1:${k1}`).encrypt(SECRET);
    await expect(LocalAesGcmCipher.fromEnv(`k2:${k2}`).decrypt(sealed)).rejects.toThrow(/key k1, which NOTIFICATION_SECRET_KEYS does not hold/);
    await expect(LocalAesGcmCipher.fromEnv(`k1:${k2}`).decrypt(sealed)).rejects.toThrow(/does not authenticate/);
  });

  it('refuses tampered ciphertext, a swapped key id and a swapped nonce', async () => {
    const cipher = LocalAesGcmCipher.fromEnv(`k1:${k1},k2:${k2}`);
    const [version, id, nonce, body] = (await cipher.encrypt(SECRET)).split(':');
    const bytes = Buffer.from(body, 'base64');
    bytes[0] ^= 0x01;
    await expect(cipher.decrypt([version, id, nonce, bytes.toString('base64')].join(':'))).rejects.toThrow(/does not authenticate/);
    await expect(cipher.decrypt([version, 'k2', nonce, body].join(':'))).rejects.toThrow(/does not authenticate/);
    await expect(cipher.decrypt([version, id, randomBytes(12).toString('base64'), body].join(':'))).rejects.toThrow(/does not authenticate/);
    await expect(cipher.decrypt(SECRET)).rejects.toThrow(/not a v1 sealed secret/);
  });

  it('rotation: with a new active key the old one still opens what it sealed, which is stale and re-seals under the new key', async () => {
    const before = LocalAesGcmCipher.fromEnv(`k1:${k1}`);
    const during = LocalAesGcmCipher.fromEnv(`k2:${k2},k1:${k1}`);
    const after = LocalAesGcmCipher.fromEnv(`k2:${k2}`);
    const old = await before.encrypt(SECRET);
    expect(during.isStale(old)).toBe(true);
    expect(await during.decrypt(old)).toBe(SECRET);
    const resealed = await during.encrypt(await during.decrypt(old));
    expect(resealed.startsWith('v1:k2:')).toBe(true);
    expect(during.isStale(resealed)).toBe(false);
    expect(await after.decrypt(resealed)).toBe(SECRET);
    await expect(after.decrypt(old)).rejects.toThrow(/key k1/);
  });
});

describe('NOTIFICATION_SECRET_KEYS', () => {
  it('is required, and the message says how to make a key', () => {
    expect(secretKeysProblem(undefined)).toMatch(/is not set.*openssl rand -base64 32/);
    expect(secretKeysProblem('  ')).toMatch(/is not set/);
  });

  it.each([
    ['no id', key(), /entry 1 must be id:key/],
    ['a short key', `k1:${randomBytes(16).toString('base64')}`, /entry 1 \(k1\): the key must be 32 bytes/],
    ['not base64', 'k1:not*base64', /32 bytes in base64/],
    ['a repeated id', `k1:${key()},k1:${key()}`, /k1 appears twice/],
    ['a bad id', `k 1:${key()}`, /key id must be/],
  ])('refuses %s without echoing the key', (_what, value, expected) => {
    const problem = secretKeysProblem(value) ?? '';
    expect(problem).toMatch(expected);
    for (const part of value.split(/[,:]/)) if (part.length > 8) expect(problem).not.toContain(part);
  });

  it('takes the first key as the active one', () => {
    const keys = parseSecretKeys(`new:${key()}, old:${key()}`);
    expect(keys.map((k) => k.id)).toEqual(['new', 'old']);
    expect(keys.every((k) => k.key.length === 32)).toBe(true);
  });
});
