// Asks PostgreSQL and Redis a real question and says exactly what is wrong when they do not answer.
const { Client } = require('pg');
const Redis = require('ioredis');

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// The services create their own database, so ask the server's maintenance database.
async function checkPostgres() {
  const serverUrl = new URL(databaseUrl);
  serverUrl.pathname = '/postgres';
  const client = new Client({ connectionString: serverUrl.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query('SHOW server_version');
    // Create the configured database so that every service finds it (each then creates its own schema).
    const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (name && exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return `PostgreSQL ${rows[0].server_version} at ${redact(databaseUrl)}${exists.rowCount === 0 ? ' (database created)' : ''}`;
  } catch (error) {
    throw new Error(
      `PostgreSQL does not answer at ${redact(databaseUrl)} (${error.message}).\n` +
        '  Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n' +
        '  or with Docker: docker compose up -d postgres\n' +
        '  or point DATABASE_URL at a server whose user may create databases.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis() {
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const pong = await redis.ping();
    if (pong !== 'PONG') throw new Error(`PING answered ${pong}`);
    return `Redis at ${redisUrl}`;
  } catch (error) {
    throw new Error(
      `Redis does not answer at ${redisUrl} (${error.message}).\n` +
        '  Start it: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n' +
        '  or with Docker: docker compose up -d redis\n' +
        '  or point REDIS_URL at a running server.',
    );
  } finally {
    redis.disconnect();
  }
}

function redact(url) {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

Promise.allSettled([checkPostgres(), checkRedis()]).then((results) => {
  const failures = results.filter((r) => r.status === 'rejected');
  for (const r of results) if (r.status === 'fulfilled') console.error(`setup: ${r.value} answers`);
  for (const f of failures) console.error(`setup: ${f.reason.message}`);
  process.exit(failures.length === 0 ? 0 : 1);
});
