import type { MigrationInterface, QueryRunner } from 'typeorm';

/** company_profile_version: every version of every company profile (point in time, append-only). */
export class CompanyProfiles1732400000300 implements MigrationInterface {
  name = 'CompanyProfiles1732400000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE company_profile_version (
      version_id text PRIMARY KEY,
      ticker text NOT NULL,
      version integer NOT NULL,
      event_time timestamptz NOT NULL,
      learned_at timestamptz NOT NULL,
      content_sha256 text NOT NULL,
      origin text NOT NULL,
      profile_json text NOT NULL,
      share_price jsonb,
      UNIQUE (ticker, version),
      UNIQUE (ticker, content_sha256))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE company_profile_version');
  }
}
