import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { InfraEnv, portFromEnv } from '@hashdesk/config';

export class IngestEnv extends InfraEnv {
  @Transform(portFromEnv)
  @IsInt({ message: 'must be a TCP port number' })
  @Min(1)
  @Max(65535)
  INGEST_HTTP_PORT = 3001;

  /**
   * `off` stores observations and their outbox rows but publishes nothing (maintenance, and the crash
   * tests that kill the service between the write and the publish). The next start with `on` publishes them.
   */
  @IsOptional()
  @IsIn(['on', 'off'], { message: 'must be on or off' })
  INGEST_OUTBOX_RELAY: 'on' | 'off' = 'on';

  // Live adapters: each is disabled unless its base URL is set.
  /** mempool.space-compatible API root, e.g. https://mempool.space/api */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  INGEST_MEMPOOL_BASE_URL?: string;

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(1_000)
  INGEST_MEMPOOL_POLL_MS = 60_000;

  /** Coinbase App API root, e.g. https://api.coinbase.com */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  INGEST_COINBASE_BASE_URL?: string;

  /** Kraken REST root, e.g. https://api.kraken.com */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  INGEST_KRAKEN_BASE_URL?: string;

  /** CoinGecko root, e.g. https://api.coingecko.com/api/v3 */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  INGEST_COINGECKO_BASE_URL?: string;

  @IsOptional()
  @IsString()
  INGEST_COINGECKO_API_KEY?: string;

  /** Interval of the BTC reference price (median of the configured exchanges). */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(1_000)
  INGEST_BTC_PRICE_POLL_MS = 30_000;
}
