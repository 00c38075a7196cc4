import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';
import { InfraEnv, portFromEnv } from '@hashdesk/config';
import { DEFAULT_PRICE_BAND_RATIO, DEFAULT_PRICE_BAND_WINDOW_DAYS } from '../observations/price-band';

const decimalFromEnv = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value);

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

  /**
   * The price band (observations/price-band.ts): a BTC price outside [neighbour / (1 + ratio), neighbour ×
   * (1 + ratio)] of every nearest neighbour within the window is quarantined. 1 = ×/÷2.
   */
  @Transform(decimalFromEnv)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a decimal number, e.g. 1 for ×/÷2' })
  @Min(0.05)
  @Max(100)
  INGEST_PRICE_BAND_RATIO = DEFAULT_PRICE_BAND_RATIO;

  /** How far in event time a price's neighbours may be (whole days). */
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'must be a whole number of days' })
  @Min(1)
  @Max(90)
  INGEST_PRICE_BAND_WINDOW_DAYS = DEFAULT_PRICE_BAND_WINDOW_DAYS;

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

  /** The miners whose shares the equity adapters follow (comma-separated tickers). */
  @Matches(/^[A-Z.]{1,10}(,[A-Z.]{1,10})*$/, { message: 'must be comma-separated upper-case tickers, e.g. MARA,RIOT' })
  INGEST_EQUITY_TICKERS = 'ABTC,ARBK,BITF,BTBT,BTDR,CANG,CIFR,CLSK,CORZ,FUFU,GREE,HIVE,HUT,IREN,MARA,RIOT,WULF';

  /** Stooq root (daily closes, CSV), e.g. https://stooq.com */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  INGEST_STOOQ_BASE_URL?: string;

  /** Finnhub root (intraday quotes), e.g. https://finnhub.io/api/v1; needs INGEST_FINNHUB_API_KEY. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  INGEST_FINNHUB_BASE_URL?: string;

  @ValidateIf((env: IngestEnv) => Boolean(env.INGEST_FINNHUB_BASE_URL))
  @IsString({ message: 'is required when INGEST_FINNHUB_BASE_URL is set' })
  INGEST_FINNHUB_API_KEY?: string;

  /** Alpha Vantage root, e.g. https://www.alphavantage.co; needs INGEST_ALPHAVANTAGE_API_KEY. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  INGEST_ALPHAVANTAGE_BASE_URL?: string;

  @ValidateIf((env: IngestEnv) => Boolean(env.INGEST_ALPHAVANTAGE_BASE_URL))
  @IsString({ message: 'is required when INGEST_ALPHAVANTAGE_BASE_URL is set' })
  INGEST_ALPHAVANTAGE_API_KEY?: string;

  /** EIA API v2 root, e.g. https://api.eia.gov; needs INGEST_EIA_API_KEY. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  INGEST_EIA_BASE_URL?: string;

  @ValidateIf((env: IngestEnv) => Boolean(env.INGEST_EIA_BASE_URL))
  @IsString({ message: 'is required when INGEST_EIA_BASE_URL is set' })
  INGEST_EIA_API_KEY?: string;

  /** States whose industrial power rates EIA is asked for (where the tracked miners run). */
  @Matches(/^[A-Z]{2}(,[A-Z]{2})*$/, { message: 'must be comma-separated two-letter state codes, e.g. TX,GA' })
  INGEST_EIA_STATES = 'TX,GA,NY,ND,PA,OK,NE,KY';

  /** ERCOT public API root, e.g. https://api.ercot.com/api/public-reports; needs the key and account below. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  INGEST_ERCOT_BASE_URL?: string;

  @ValidateIf((env: IngestEnv) => Boolean(env.INGEST_ERCOT_BASE_URL))
  @IsString({ message: 'is required when INGEST_ERCOT_BASE_URL is set' })
  INGEST_ERCOT_SUBSCRIPTION_KEY?: string;

  @ValidateIf((env: IngestEnv) => Boolean(env.INGEST_ERCOT_BASE_URL))
  @IsString({ message: 'is required when INGEST_ERCOT_BASE_URL is set' })
  INGEST_ERCOT_USERNAME?: string;

  @ValidateIf((env: IngestEnv) => Boolean(env.INGEST_ERCOT_BASE_URL))
  @IsString({ message: 'is required when INGEST_ERCOT_BASE_URL is set' })
  INGEST_ERCOT_PASSWORD?: string;

  /** ERCOT settlement points (hubs or load zones) to follow. */
  @Matches(/^[A-Z0-9_]+(,[A-Z0-9_]+)*$/, { message: 'must be comma-separated settlement points, e.g. HB_WEST,LZ_WEST' })
  INGEST_ERCOT_SETTLEMENT_POINTS = 'HB_WEST,HB_NORTH,LZ_WEST';

  /** SEC EDGAR root, e.g. https://data.sec.gov (XBRL companyfacts and the submissions index); needs a contact (below). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  INGEST_SEC_BASE_URL?: string;

  /** The SEC asks every client to name itself with a contact, e.g. "hashdesk ops@example.com". Default: "hashdesk <INGEST_SEC_CONTACT_EMAIL>". */
  @ValidateIf((env: IngestEnv) => Boolean(env.INGEST_SEC_BASE_URL) && !env.INGEST_SEC_CONTACT_EMAIL)
  @Matches(/^\S.*@.*$/, { message: 'is required when INGEST_SEC_BASE_URL is set and INGEST_SEC_CONTACT_EMAIL is not: a name and a contact e-mail' })
  INGEST_SEC_USER_AGENT?: string;

  /** The contact e-mail the SEC User-Agent names when INGEST_SEC_USER_AGENT is not set. */
  @ValidateIf((env: IngestEnv) => Boolean(env.INGEST_SEC_CONTACT_EMAIL))
  @Matches(/^[^\s@()<>]+@[^\s@()<>]+\.[a-z]{2,}$/i, { message: 'must be an e-mail address, e.g. ops@example.com' })
  INGEST_SEC_CONTACT_EMAIL?: string;

  /**
   * Ticker:CIK pairs whose filings are polled, e.g. MARA:1507605,RIOT:1167419. Unset: every company of the
   * researched histories (INGEST_SEC_HISTORY_DIR) that has a CIK (CIKs are never guessed).
   */
  @ValidateIf((env: IngestEnv) => Boolean(env.INGEST_SEC_COMPANIES))
  @Matches(/^[A-Z.]{1,10}:\d{1,10}(,[A-Z.]{1,10}:\d{1,10})*$/, { message: 'must be TICKER:CIK pairs separated by commas, e.g. MARA:1507605' })
  INGEST_SEC_COMPANIES?: string;

  /** Where the researched company histories are (their `cik` fields); default the bundled data/companies/history. */
  @IsOptional()
  @IsString({ message: 'must be a directory path' })
  INGEST_SEC_HISTORY_DIR?: string;
}
