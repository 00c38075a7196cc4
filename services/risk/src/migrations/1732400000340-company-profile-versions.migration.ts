import type { MigrationInterface, QueryRunner } from 'typeorm';

/** company_profile_version: every profile version ingest published (ingest.company-profile.recorded.v1). */
export class CompanyProfileVersions1732400000340 implements MigrationInterface {
  name = 'CompanyProfileVersions1732400000340';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE company_profile_version (
      ticker text NOT NULL,
      version integer NOT NULL,
      event_id text NOT NULL UNIQUE,
      event_time timestamptz NOT NULL,
      profile_json text NOT NULL,
      PRIMARY KEY (ticker, version))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE company_profile_version');
  }
}
