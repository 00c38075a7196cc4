// Loads the researched company histories: node -r ./scripts/register.js services/ingest/src/companies/load-history.main.ts [--dir data/companies/history] [files…]
// Each history (data/companies/history/FORMAT.md) becomes its point-in-time profile versions, recorded in
// known-at order through the same use case as POST /v1/companies/profiles: a version's event time is when it
// became public, so valuation never uses a figure before its source was published. Reloading publishes
// nothing. Waits until the outbox has published everything and prints a JSON summary.
import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { buildProfileVersions, checkCompanyHistory, type CompanyHistory } from '@hashdesk/economics';
import type { OutboxRelay } from '@hashdesk/messaging';
import { DATA_SOURCE, loadServiceConfigOrExit, OUTBOX_RELAY } from '@hashdesk/platform';
import { IngestAppModule } from '../app.module';
import { IngestEnv } from '../config/ingest.config';
import { publishPending } from '../outbox/publish-pending';
import { CompanyProfileException } from './company-profile.exception';
import { RecordCompanyProfileUseCase } from './record-company-profile.use-case';

const BUNDLED = resolve(__dirname, '..', '..', '..', '..', 'data', 'companies', 'history');

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { dir: { type: 'string', default: BUNDLED } }, allowPositionals: true });
  const files = positionals.length > 0
    ? positionals.map((f) => resolve(f))
    : readdirSync(values.dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(values.dir, f));
  const config = loadServiceConfigOrExit('ingest-load-history', IngestEnv);
  const app = await NestFactory.createApplicationContext(IngestAppModule.register(config, { live: false }), { logger: ['error', 'warn'], abortOnError: false });
  let failed = 0;
  try {
    const record = app.get(RecordCompanyProfileUseCase);
    const companies = [];
    for (const file of files) {
      const history = JSON.parse(readFileSync(file, 'utf8')) as CompanyHistory;
      const problems = checkCompanyHistory(history);
      if (problems.length > 0) {
        failed += 1;
        process.stderr.write(`load-history: ${basename(file)}: ${problems.length} provenance problems, first: ${problems[0].path}: ${problems[0].rule}\n`);
        continue;
      }
      let published = 0;
      const versions = buildProfileVersions(history);
      try {
        for (const version of versions) {
          // The version's own share price (null for none): a version's content never depends on what was loaded before it.
          const result = await record.recordProfile(version.profile, `history:${basename(file)}`, new Date(), version.sharePrice);
          if (result.published) published += 1;
        }
      } catch (error) {
        if (!(error instanceof CompanyProfileException)) throw error;
        failed += 1;
        process.stderr.write(`load-history: ${basename(file)}: a built version is not a valid profile: ${error.message}\n`);
        continue;
      }
      companies.push({ ticker: history.ticker, versions: versions.length, published, first: versions[0]?.knownAt ?? null, last: versions.at(-1)?.knownAt ?? null });
    }
    const dataSource = app.get<DataSource>(DATA_SOURCE);
    const relay = app.get<OutboxRelay>(OUTBOX_RELAY);
    if (config.INGEST_OUTBOX_RELAY === 'on') await publishPending(dataSource, relay);
    process.stdout.write(`${JSON.stringify({ files: files.length, failed, versions: companies.reduce((n, c) => n + c.versions, 0), published: companies.reduce((n, c) => n + c.published, 0), companies })}\n`);
    return failed > 0 ? 2 : 0;
  } finally {
    await app.close();
  }
}


main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`load-history: failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
