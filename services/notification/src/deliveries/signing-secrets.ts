import type { SecretCipher } from '../secrets/secret-cipher';
import type { ClaimedDelivery } from './claimed-delivery';

/**
 * The delivery with its stored (sealed) signing secrets opened, for signing this one request. The
 * plaintext lives only in this copy, which is neither stored nor logged.
 */
export async function withOpenedSecrets(delivery: ClaimedDelivery, cipher: SecretCipher, now = Date.now()): Promise<ClaimedDelivery> {
  // A rotated-out secret past its overlap no longer signs: it is not opened.
  const previousSigns = delivery.previous_secret !== null && !!delivery.previous_secret_expires_at && new Date(delivery.previous_secret_expires_at).getTime() > now;
  const [secret, previous] = await Promise.all([
    delivery.secret === null ? null : cipher.decrypt(delivery.secret),
    previousSigns ? cipher.decrypt(delivery.previous_secret as string) : null,
  ]);
  return { ...delivery, secret, previous_secret: previous };
}
