import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import { SourceIds, type WholesalePowerPriceObservation } from '../observation.types';
import { requirePositiveInteger, requireSecret, resolveCommonConfig, type AdapterCommonConfig } from '../shared/adapter-config';
import { parseInRange, parseInteger, requireArray, requireObject, requireText } from '../shared/parse.util';
import { PollingAdapter, isEntityLevelError, type PollSink } from '../shared/polling-adapter';
import { addDays, parseIsoDate, wallClockInstants, zoneOffsetMs, type WallClockTime } from '../shared/time.util';
import { ErcotRopcTokenProvider, type ErcotRopcTokenProviderConfig, type ErcotTokenSource } from './ercot-token.provider';

export const CENTRAL = 'America/Chicago';

export interface ErcotSettlementPriceAdapterConfig extends AdapterCommonConfig {
  /** e.g. `https://api.ercot.com/api/public-reports`. */
  baseUrl: string;
  /** The API Management subscription key (`Ocp-Apim-Subscription-Key`). */
  subscriptionKey: string;
  /** ERCOT account for the bearer token, or a token source of your own (e.g. shared between adapters). */
  credentials: Omit<ErcotRopcTokenProviderConfig, 'fetch' | 'timeoutMs' | 'userAgent'> | ErcotTokenSource;
  /** DAM: day-ahead hourly (NP4-190-CD). RTM: real-time 15-minute (NP6-905-CD). */
  market: 'DAM' | 'RTM';
  /** Hubs and load zones, e.g. ['HB_HUBAVG', 'LZ_WEST']. */
  settlementPoints: readonly string[];
  /** Operating days before today (Central time) to ask for again (default 1). DAM also asks for tomorrow. */
  lookbackDays?: number;
  /** Rows per page (default 1000) and pages per settlement point (default 10). */
  pageSize?: number;
  maxPages?: number;
}

const ENDPOINTS = { DAM: 'np4-190-cd/dam_stlmnt_pnt_prices', RTM: 'np6-905-cd/spp_node_zone_hub' } as const;
/** ERCOT's offer caps and floor sit well inside this ($/MWh); outside it is a unit or parsing slip. */
const PLAUSIBLE_USD_PER_MWH = { min: -1_000, max: 20_000 };

interface IntervalLabel {
  deliveryDate: string;
  startWall: WallClockTime;
  minutes: 15 | 60;
  repeated: boolean;
  /** The fields that named the hour, for messages. */
  hourField: string;
}

/**
 * ERCOT settlement point prices (docs/data-sources.md §11) from the ERCOT Public
 * API: `GET /np4-190-cd/dam_stlmnt_pnt_prices` (hourly, `hourEnding` "01:00"…"24:00") or
 * `GET /np6-905-cd/spp_node_zone_hub` (15-minute, `deliveryHour` 1…24 + `deliveryInterval` 1…4),
 * in $/MWh, labelled in Central Prevailing Time. Each interval is converted to UTC through the
 * America/Chicago zone: on the fall-back day hour 2 comes twice and `DSTFlag` marks the second
 * (standard-time) pass; on the spring-forward day the hour 02:00–03:00 does not exist (a row
 * naming it is refused). Sends `Ocp-Apim-Subscription-Key` and a bearer ID token (refreshed once
 * on a 401).
 */
export class ErcotSettlementPriceAdapter extends PollingAdapter {
  private readonly market: 'DAM' | 'RTM';
  private readonly settlementPoints: string[];
  private readonly tokens: ErcotTokenSource;
  private readonly lookbackDays: number;
  private readonly pageSize: number;
  private readonly maxPages: number;

  constructor(config: ErcotSettlementPriceAdapterConfig) {
    const common = resolveCommonConfig(config, { sourceId: SourceIds.ercot, pollIntervalMs: config.market === 'RTM' ? 5 * 60_000 : 3_600_000 });
    super(common, {
      headers: { 'Ocp-Apim-Subscription-Key': requireSecret('subscriptionKey', config.subscriptionKey) },
      secretHeaders: ['ocp-apim-subscription-key'],
    });
    if (config.market !== 'DAM' && config.market !== 'RTM') throw AdapterException.config('market', 'must be DAM or RTM');
    this.market = config.market;
    if (!Array.isArray(config.settlementPoints) || config.settlementPoints.length === 0 || config.settlementPoints.some((p) => !/^[A-Z0-9_]{2,32}$/.test(p))) {
      throw AdapterException.config('settlementPoints', 'must list settlement point names such as HB_HUBAVG');
    }
    this.settlementPoints = [...new Set(config.settlementPoints)];
    this.tokens = isTokenSource(config.credentials)
      ? config.credentials
      : new ErcotRopcTokenProvider({ ...config.credentials, fetch: common.fetch, timeoutMs: common.timeoutMs, userAgent: common.userAgent });
    this.lookbackDays = config.lookbackDays ?? 1;
    if (!Number.isSafeInteger(this.lookbackDays) || this.lookbackDays < 0) throw AdapterException.config('lookbackDays', 'must be a whole number ≥ 0');
    this.pageSize = requirePositiveInteger('pageSize', config.pageSize ?? 1_000);
    this.maxPages = requirePositiveInteger('maxPages', config.maxPages ?? 10);
  }

  protected async collect(now: Date, sink: PollSink): Promise<void> {
    const today = centralDate(now);
    const window = { deliveryDateFrom: addDays(today, -this.lookbackDays), deliveryDateTo: this.market === 'DAM' ? addDays(today, 1) : today };
    for (const point of this.settlementPoints) {
      const seen = new Set<number>();
      for (let page = 1; page <= this.maxPages; page += 1) {
        const body = await this.fetchPage(now, { ...window, settlementPoint: point, page, size: this.pageSize });
        const rows = requireArray('data', body.data);
        const names = fieldNames(body.fields);
        rows.forEach((row, i) => {
          const field = `data[${(page - 1) * this.pageSize + i}]`;
          try {
            const observation = this.parseRow(field, asRecord(field, row, names), point);
            if (seen.has(observation.eventTime.getTime())) {
              sink.issue({ code: AdapterExceptionCode.PROVIDER_ERROR, key: observation.key, field, message: `${field}: a second price for the interval starting ${observation.eventTime.toISOString()} (DSTFlag missing?) was dropped` });
              return;
            }
            seen.add(observation.eventTime.getTime());
            sink.add(observation);
          } catch (error) {
            if (!isEntityLevelError(error)) throw error;
            sink.issueFrom(error, `ERCOT:${point}`);
          }
        });
        const meta = body._meta === undefined ? {} : requireObject('_meta', body._meta);
        const totalPages = meta.totalPages === undefined ? 1 : parseInteger('_meta.totalPages', meta.totalPages);
        if (page >= totalPages || rows.length === 0) break;
        if (page === this.maxPages) sink.issue({ code: 'FALLBACK', key: `ERCOT:${point}`, message: `stopped after ${this.maxPages} of ${totalPages} pages` });
      }
      if (seen.size === 0) sink.issue({ code: AdapterExceptionCode.EMPTY_RESPONSE, key: `ERCOT:${point}`, message: `no ${this.market} prices for ${point} from ${window.deliveryDateFrom} to ${window.deliveryDateTo}` });
    }
  }

  /** One page; a 401 (token expired early) gets one retry with a fresh token. */
  private async fetchPage(now: Date, query: Record<string, string | number>): Promise<Record<string, unknown>> {
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.tokens.idToken(now);
      try {
        const { json } = await this.http.getJson(ENDPOINTS[this.market], query, { authorization: `Bearer ${token}` });
        return requireObject('body', json);
      } catch (error) {
        if (attempt === 1 && error instanceof AdapterException && error.status === 401) {
          this.tokens.invalidate();
          continue;
        }
        throw error;
      }
    }
  }

  private parseRow(field: string, row: Record<string, unknown>, requestedPoint: string): WholesalePowerPriceObservation {
    const point = requireText(`${field}.settlementPoint`, row.settlementPoint ?? row.settlementPointName);
    if (point !== requestedPoint) throw AdapterException.invalidField(`${field}.settlementPoint`, `must be ${requestedPoint}, the point asked for`, point);
    const label = this.market === 'DAM' ? damLabel(field, row) : rtmLabel(field, row);
    const start = intervalStart(field, label);
    return {
      kind: 'power-wholesale-price',
      source: this.source,
      key: `ERCOT:${point}`,
      eventTime: start,
      market: this.market,
      settlementPoint: point,
      intervalMinutes: label.minutes,
      intervalEndsAt: new Date(start.getTime() + label.minutes * 60_000),
      powerUsdPerMwh: parseInRange(`${field}.settlementPointPrice`, row.settlementPointPrice, PLAUSIBLE_USD_PER_MWH.min, PLAUSIBLE_USD_PER_MWH.max, `must be ${PLAUSIBLE_USD_PER_MWH.min}…${PLAUSIBLE_USD_PER_MWH.max} $/MWh`),
      deliveryDate: label.deliveryDate,
      repeatedHour: label.repeated,
    };
  }
}

/** The operating day in Central Prevailing Time at an instant. */
export function centralDate(at: Date): string {
  return new Date(at.getTime() + zoneOffsetMs(CENTRAL, at.getTime())).toISOString().slice(0, 10);
}

/** DAM: hourEnding "HH:00" (01…24); the interval starts an hour before it. */
function damLabel(field: string, row: Record<string, unknown>): IntervalLabel {
  const deliveryDate = parseIsoDate(`${field}.deliveryDate`, row.deliveryDate);
  const text = requireText(`${field}.hourEnding`, row.hourEnding, /^\d{1,2}:00$/);
  const hourEnding = parseInteger(`${field}.hourEnding`, text.slice(0, -3), 1, 24);
  return { deliveryDate, startWall: { date: deliveryDate, hour: hourEnding - 1, minute: 0 }, minutes: 60, repeated: dstFlag(field, row.DSTFlag), hourField: `${field}.hourEnding` };
}

/** RTM: deliveryHour 1…24 (hour ending) and deliveryInterval 1…4 (quarter hours within it). */
function rtmLabel(field: string, row: Record<string, unknown>): IntervalLabel {
  const deliveryDate = parseIsoDate(`${field}.deliveryDate`, row.deliveryDate);
  const hour = parseInteger(`${field}.deliveryHour`, row.deliveryHour, 1, 24);
  const interval = parseInteger(`${field}.deliveryInterval`, row.deliveryInterval, 1, 4);
  return { deliveryDate, startWall: { date: deliveryDate, hour: hour - 1, minute: (interval - 1) * 15 }, minutes: 15, repeated: dstFlag(field, row.DSTFlag), hourField: `${field}.deliveryHour` };
}

/** The interval's start in UTC: Central wall time, the repeated hour told apart by DSTFlag, the skipped hour refused. */
function intervalStart(field: string, label: IntervalLabel): Date {
  const instants = wallClockInstants(label.startWall, CENTRAL);
  const wall = `${label.startWall.date} ${String(label.startWall.hour).padStart(2, '0')}:${String(label.startWall.minute).padStart(2, '0')}`;
  if (instants.length === 0) throw AdapterException.invalidField(label.hourField, `names ${wall} Central, which does not exist (the spring-forward hour)`);
  if (label.repeated && instants.length === 1) throw AdapterException.invalidField(`${field}.DSTFlag`, `is set, but ${wall} Central is not in the repeated hour`);
  return label.repeated ? instants[1] : instants[0];
}

/** The public API sends DSTFlag as a boolean; ERCOT's files use "Y"/"N". */
function dstFlag(field: string, value: unknown): boolean {
  if (value === true || value === 'Y' || value === 'y' || value === 'true') return true;
  if (value === false || value === 'N' || value === 'n' || value === 'false' || value === undefined || value === null) return false;
  throw AdapterException.invalidField(`${field}.DSTFlag`, 'must be true/false or Y/N', value);
}

/** `fields` lists the columns (objects with `name`, or plain names) in the order of each `data` row. */
function fieldNames(fields: unknown): string[] {
  if (fields === undefined) return [];
  return requireArray('fields', fields).map((f, i) => requireText(`fields[${i}].name`, typeof f === 'object' && f !== null ? (f as Record<string, unknown>).name : f));
}

function asRecord(field: string, row: unknown, names: readonly string[]): Record<string, unknown> {
  if (!Array.isArray(row)) return requireObject(field, row);
  if (row.length !== names.length) throw new AdapterException(AdapterExceptionCode.MALFORMED_BODY, `${field}: ${row.length} values for ${names.length} fields`, { field });
  return Object.fromEntries(names.map((name, i) => [name, row[i]]));
}

function isTokenSource(value: unknown): value is ErcotTokenSource {
  return typeof value === 'object' && value !== null && typeof (value as ErcotTokenSource).idToken === 'function';
}
