import { createHash, randomBytes } from 'node:crypto';

/** A subscriber's API key: shown once, stored only as its SHA-256 (a random 192-bit key needs no slow hash). */
export function newApiKey(): string {
  return `hd_${randomBytes(24).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The first characters, kept to help a subscriber tell its keys apart. */
export function apiKeyPrefix(key: string): string {
  return key.slice(0, 7);
}
