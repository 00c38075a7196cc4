import type { MigrationInterface, QueryRunner } from 'typeorm';

/** watchlist_entry.owner: an entry belongs to the API key owner that made it. Entries made before keys existed go to the operator. */
export class WatchlistOwner1732400000370 implements MigrationInterface {
  name = 'WatchlistOwner1732400000370';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE watchlist_entry ADD COLUMN owner text NOT NULL DEFAULT 'operator'`);
    await q.query('ALTER TABLE watchlist_entry ALTER COLUMN owner DROP DEFAULT');
    await q.query('CREATE INDEX watchlist_entry_owner ON watchlist_entry (owner, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE watchlist_entry DROP COLUMN owner');
  }
}
