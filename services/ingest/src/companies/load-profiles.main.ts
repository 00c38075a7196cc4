// Loads company profiles: node -r ./scripts/register.js services/ingest/src/companies/load-profiles.main.ts [--dir data/companies] [files…]
// Each file becomes a new version through the same use case as POST /v1/companies/profiles (validated,
// stored point in time, published through the outbox); a file already loaded publishes nothing. Waits until
// the outbox has published everything and prints a JSON summary. Same environment as the service.
import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import type { OutboxRelay } from '@hashdesk/messaging';
import { DATA_SOURCE, loadServiceConfigOrExit, OUTBOX_RELAY } from '@hashdesk/platform';
import { IngestAppModule } from '../app.module';
import { IngestEnv } from '../config/ingest.config';
import { publishPending } from '../outbox/publish-pending';
import { CompanyProfileException } from './company-profile.exception';
import { RecordCompanyProfileUseCase } from './record-company-profile.use-case';

const BUNDLED = resolve(__dirname, '..', '..', '..', '..', 'data', 'companies');

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { dir: { type: 'string', default: BUNDLED } }, allowPositionals: true });
  const files = positionals.length > 0
    ? positionals.map((f) => resolve(f))
    : readdirSync(values.dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(values.dir, f));
  const config = loadServiceConfigOrExit('ingest-load-profiles', IngestEnv);
  const app = await NestFactory.createApplicationContext(IngestAppModule.register(config, { live: false }), { logger: ['error', 'warn'], abortOnError: false });
  let failed = 0;
  try {
    const record = app.get(RecordCompanyProfileUseCase);
    const results = [];
    for (const file of files) {
      try {
        results.push({ file: basename(file), ...(await record.recordProfile(JSON.parse(readFileSync(file, 'utf8')), `file:${basename(file)}`)) });
      } catch (error) {
        if (!(error instanceof CompanyProfileException) && !(error instanceof SyntaxError)) throw error;
        failed += 1;
        process.stderr.write(`load-profiles: ${basename(file)}: ${error.message}\n`);
      }
    }
    const dataSource = app.get<DataSource>(DATA_SOURCE);
    const relay = app.get<OutboxRelay>(OUTBOX_RELAY);
    if (config.INGEST_OUTBOX_RELAY === 'on') await publishPending(dataSource, relay);
    process.stdout.write(`${JSON.stringify({ files: files.length, failed, published: results.filter((r) => r.published).length, profiles: results })}\n`);
    return failed > 0 ? 2 : 0;
  } finally {
    await app.close();
  }
}


main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`load-profiles: failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
