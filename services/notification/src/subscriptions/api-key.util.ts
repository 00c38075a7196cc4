import { randomBytes } from 'node:crypto';

// Subscriber keys are hashed the same way as platform keys (one definition, in libs/platform).
export { hashApiKey } from '@hashdesk/platform';

/** A subscriber's API key: shown once, stored only as its SHA-256 (a random 192-bit key needs no slow hash). */
export function newApiKey(): string {
  return `hd_${randomBytes(24).toString('base64url')}`;
}

/** The first characters, kept to help a subscriber tell its keys apart. */
export function apiKeyPrefix(key: string): string {
  return key.slice(0, 7);
}
