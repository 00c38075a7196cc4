/** One AES-256 key of NOTIFICATION_SECRET_KEYS. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

export const SECRET_KEYS_VARIABLE = 'NOTIFICATION_SECRET_KEYS';
const HOW_TO = `set ${SECRET_KEYS_VARIABLE}="k1:<key>" with a key made by: openssl rand -base64 32`;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Why a NOTIFICATION_SECRET_KEYS value is unusable, or undefined when it is fine. The value is
 * "id:base64key,id:base64key,…", the first key active (it encrypts), the others only decrypt.
 * Messages name entries by position and id, never their key material.
 */
export function secretKeysProblem(value: unknown): string | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return `is not set: webhook signing secrets are stored encrypted (AES-256-GCM) and need a key; ${HOW_TO}`;
  }
  if (typeof value !== 'string') return `must be a string of id:key pairs; ${HOW_TO}`;
  const seen = new Set<string>();
  const entries = value.split(',').map((entry) => entry.trim());
  for (const [index, entry] of entries.entries()) {
    const where = `entry ${index + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) return `${where} must be id:key (e.g. k1:<base64 of 32 bytes>); ${HOW_TO}`;
    const id = entry.slice(0, colon);
    const material = entry.slice(colon + 1);
    if (!KEY_ID.test(id)) return `${where}: the key id must be 1-32 letters, digits, _ or -`;
    if (seen.has(id)) return `${where}: the key id ${id} appears twice`;
    seen.add(id);
    if (!BASE64.test(material) || Buffer.from(material, 'base64').length !== 32) {
      return `${where} (${id}): the key must be 32 bytes in base64; ${HOW_TO}`;
    }
  }
  return undefined;
}

/** The keys, active first. Throws with the same message as secretKeysProblem on a bad value. */
export function parseSecretKeys(value: string | undefined): SecretKey[] {
  const problem = secretKeysProblem(value);
  if (problem) throw new Error(`${SECRET_KEYS_VARIABLE} ${problem}`);
  return (value as string).split(',').map((entry) => {
    const [id, material] = entry.trim().split(':');
    return { id, key: Buffer.from(material, 'base64') };
  });
}
