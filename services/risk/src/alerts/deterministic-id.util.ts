import { createHash } from 'node:crypto';

/** A UUID-shaped id derived from a seed: the same crossing of the same input gets the same alert id. */
export function deterministicId(seed: string): string {
  const d = createHash('sha256').update(seed).digest('hex');
  return `${d.slice(0, 8)}-${d.slice(8, 12)}-8${d.slice(13, 16)}-a${d.slice(17, 20)}-${d.slice(20, 32)}`;
}
