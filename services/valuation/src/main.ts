import { telemetry } from './instrument';
import { bootstrapService, loadServiceConfigOrExit } from '@hashdesk/platform';
import { ValuationAppModule } from './app.module';
import { ValuationEnv } from './config/valuation.config';

const config = loadServiceConfigOrExit('valuation', ValuationEnv);
void bootstrapService({
  serviceName: 'valuation',
  port: config.VALUATION_HTTP_PORT,
  module: ValuationAppModule.register(config),
  telemetry,
  description: 'Mining economics and miner valuations, recomputed on every input change.',
}).catch((error) => {
  process.stderr.write(`valuation: failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
