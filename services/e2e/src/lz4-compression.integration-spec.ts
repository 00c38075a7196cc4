import { DataSource } from 'typeorm';
import { preferLz4Compression, restoreDefaultCompression } from '@hashdesk/persistence';
import { createTestDatabase, type TestDatabase } from '@hashdesk/testing';

// The valuation and risk migrations store large JSON columns with lz4 (preferLz4Compression): checked on a real server.
describe('preferLz4Compression (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
    await dataSource.query('CREATE TABLE evaluation_probe (doc jsonb)');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const compressionOf = async () => (await db.query<{ c: string }>(`SELECT attcompression AS c FROM pg_attribute WHERE attrelid = 'evaluation_probe'::regclass AND attname = 'doc'`))[0].c;

  it('given a JSON column, when preferred, then new large values are stored with lz4 and read back unchanged; restoring goes back to the default', async () => {
    const runner = dataSource.createQueryRunner();
    await preferLz4Compression(runner, 'evaluation_probe', 'doc');
    expect(await compressionOf()).toBe('l');
    const doc = { missingInputs: Array.from({ length: 500 }, (_, i) => `opex.sgaExSbcUsdInPeriod|assumptions.sgaExSbcUsdPerBtc#${i}`) };
    await db.query('INSERT INTO evaluation_probe VALUES ($1)', [JSON.stringify(doc)]);
    const [stored] = await db.query<{ method: string; doc: typeof doc }>('SELECT pg_column_compression(doc) AS method, doc FROM evaluation_probe');
    expect(stored.method).toBe('lz4');
    expect(stored.doc).toEqual(doc);
    await restoreDefaultCompression(runner, 'evaluation_probe', 'doc');
    expect(await compressionOf()).not.toBe('l'); // the default: no method set on the column
    await runner.release();
  });
});
