import { telemetry } from './instrument';
import { bootstrapService, loadServiceConfigOrExit } from '@hashdesk/platform';
import { IngestAppModule } from './app.module';
import { IngestEnv } from './config/ingest.config';

const config = loadServiceConfigOrExit('ingest', IngestEnv);
void bootstrapService({
  serviceName: 'ingest',
  port: config.INGEST_HTTP_PORT,
  module: IngestAppModule.register(config),
  telemetry,
  description: 'The only door for data: observations are validated, stored and published through an outbox.',
}).catch((error) => {
  process.stderr.write(`ingest: failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
