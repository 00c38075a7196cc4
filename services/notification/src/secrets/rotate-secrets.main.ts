// Re-encrypts every stored webhook signing secret with the active (first) key of NOTIFICATION_SECRET_KEYS:
//   NOTIFICATION_SECRET_KEYS="k2:<new>,k1:<old>" DATABASE_URL=… node -r ./scripts/register.js services/notification/src/secrets/rotate-secrets.main.ts [--schema notification]
// Order: give the services the new key first (listed first, the old one after it), run this, then drop
// the old key. Safe to interrupt and to run again: each value is replaced on its own, and values
// already under the active key are left alone. The service may keep running. Prints a JSON summary.
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { LocalAesGcmCipher } from './local-aes-gcm.cipher';
import { resealSecrets } from './secret-resealer';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { schema: { type: 'string', default: 'notification' } } });
  const schema = values.schema as string;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('--schema must be a plain identifier');
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const cipher = LocalAesGcmCipher.fromEnv(process.env.NOTIFICATION_SECRET_KEYS);
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`SET search_path TO ${schema}`);
    const summary = await resealSecrets(async (sql, params) => (await db.query(sql, params)).rows, cipher, { rotate: true });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    // Unreadable values keep the old key needed; a row changed meanwhile is re-checked by running again.
    if (summary.unreadable > 0) process.stderr.write(`rotate-secrets: ${summary.unreadable} secret(s) cannot be decrypted (${summary.reasons.join('; ')}): keep the keys they need\n`);
    if (summary.changedMeanwhile > 0) process.stderr.write(`rotate-secrets: ${summary.changedMeanwhile} secret(s) changed while running: run again\n`);
    return summary.unreadable > 0 || summary.changedMeanwhile > 0 ? 1 : 0;
  } finally {
    await db.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`rotate-secrets: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
