import type { SecretCipher } from './secret-cipher';

/** Runs one SQL statement and answers its rows (pg's client.query(...).rows, or DataSource.query for a SELECT). */
export type Query = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export interface ResealSummary {
  /** Plaintext secrets (written before encryption at rest) now sealed. */
  sealed: number;
  /** Secrets sealed with an older key, re-sealed with the active one (rotate only). */
  resealed: number;
  /** Values the cipher cannot open; `reasons` says why (key ids only, never a secret). */
  unreadable: number;
  reasons: string[];
  /** Rows whose value changed between read and write (an API rotation at the same moment): left as they are. */
  changedMeanwhile: number;
}

const COLUMNS = ['secret', 'previous_secret'] as const;
const PAGE = 500;

/** Secrets are "whsec_" + base64 in plaintext; a sealed value never starts so. */
export const isPlaintextSecret = (value: string): boolean => value.startsWith('whsec_');

/**
 * Walks every stored webhook secret (subscription.secret and previous_secret): seals plaintext ones
 * and, when rotating, re-seals those of an older key. Each value is replaced with a compare-and-set
 * UPDATE of its own, so a run that is interrupted leaves every row readable (old key or new) and a
 * second run picks up where it stopped; a value already current is left alone.
 */
export async function resealSecrets(query: Query, cipher: SecretCipher, options: { rotate: boolean }): Promise<ResealSummary> {
  const summary: ResealSummary = { sealed: 0, resealed: 0, unreadable: 0, reasons: [], changedMeanwhile: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await query(
      'SELECT id, secret, previous_secret FROM subscription WHERE id > $1 AND (secret IS NOT NULL OR previous_secret IS NOT NULL) ORDER BY id LIMIT $2',
      [after, PAGE],
    );
    if (rows.length === 0) return summary;
    for (const row of rows) {
      for (const column of COLUMNS) {
        const stored = row[column] as string | null;
        if (stored === null) continue;
        const replacement = await nextValue(stored, cipher, options.rotate, summary);
        if (replacement === undefined) continue;
        // A CTE makes both pg and TypeORM answer rows (TypeORM wraps a bare UPDATE's result).
        const [written] = await query(
          `WITH changed AS (UPDATE subscription SET ${column} = $3 WHERE id = $1 AND ${column} = $2 RETURNING 1) SELECT count(*)::int AS n FROM changed`,
          [row.id, stored, replacement.value],
        );
        if (Number(written.n) === 1) summary[replacement.counts] += 1;
        else summary.changedMeanwhile += 1;
      }
    }
    after = rows[rows.length - 1].id as string;
  }
}

async function nextValue(stored: string, cipher: SecretCipher, rotate: boolean, summary: ResealSummary): Promise<{ value: string; counts: 'sealed' | 'resealed' } | undefined> {
  if (isPlaintextSecret(stored)) return { value: await cipher.encrypt(stored), counts: 'sealed' };
  let plain: string;
  try {
    plain = await cipher.decrypt(stored); // every sealed value is opened once: a missing key shows now, not at the next delivery
  } catch (error) {
    summary.unreadable += 1;
    if (!summary.reasons.includes((error as Error).message)) summary.reasons.push((error as Error).message);
    return undefined;
  }
  return rotate && cipher.isStale(stored) ? { value: await cipher.encrypt(plain), counts: 'resealed' } : undefined;
}
