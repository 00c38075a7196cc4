import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import { SourceIds, type RetailPowerPriceObservation } from '../observation.types';
import { requirePositiveInteger, requireSecret, resolveCommonConfig, type AdapterCommonConfig } from '../shared/adapter-config';
import { parseDecimal, requireArray, requireObject, requireText, scaleDecimal } from '../shared/parse.util';
import { PollingAdapter, isEntityLevelError, type PollSink } from '../shared/polling-adapter';

export type EiaSectorId = 'IND' | 'COM' | 'RES' | 'TRA' | 'ALL';

export interface EiaRetailPriceAdapterConfig extends AdapterCommonConfig {
  /** e.g. `https://api.eia.gov`. */
  baseUrl: string;
  apiKey: string;
  /** Two-letter state ids, e.g. ['TX', 'GA', 'ND']. */
  states: readonly string[];
  /** Default ['IND'] (industrial, what miners pay). */
  sectors?: readonly EiaSectorId[];
  /** Newest months asked for per state and sector (default 3). */
  months?: number;
}

const SECTOR_NAMES: Record<EiaSectorId, string> = { IND: 'industrial', COM: 'commercial', RES: 'residential', TRA: 'transportation', ALL: 'all' };
const CENTS_PER_KWH = 'cents per kilowatt-hour';
/** Average retail prices in cents/kWh fall well inside this; a value outside it is a unit slip ($/kWh, $/MWh). */
const PLAUSIBLE_CENTS = { min: 0.5, max: 200 };

/**
 * EIA API v2 average retail electricity price by state and sector (docs/data-sources.md §10)
 *, `GET /v2/electricity/retail-sales/data/?api_key=…&frequency=monthly&data[]=price
 * &facets[stateid][]=TX&facets[sectorid][]=IND&sort[0][column]=period&sort[0][direction]=desc`.
 * Prices come as strings in cents per kilowatt-hour and become `powerUsdPerKwh` by an exact
 * decimal shift ("6.37" → 0.0637). The units field is checked; a withheld (null) price is an issue
 * for that row. Monthly data: one poll a day is plenty.
 */
export class EiaRetailPriceAdapter extends PollingAdapter {
  private readonly apiKey: string;
  private readonly states: string[];
  private readonly sectors: readonly EiaSectorId[];
  private readonly months: number;

  constructor(config: EiaRetailPriceAdapterConfig) {
    super(resolveCommonConfig(config, { sourceId: SourceIds.eia, pollIntervalMs: 24 * 3_600_000 }), { secretQueryParams: ['api_key'] });
    this.apiKey = requireSecret('apiKey', config.apiKey);
    if (!Array.isArray(config.states) || config.states.length === 0 || config.states.some((s) => !/^[A-Z]{2}$/.test(s))) {
      throw AdapterException.config('states', 'must list two-letter state ids such as TX');
    }
    this.states = [...new Set(config.states)];
    this.sectors = config.sectors ?? ['IND'];
    if (this.sectors.length === 0 || this.sectors.some((s) => !(s in SECTOR_NAMES))) throw AdapterException.config('sectors', 'must list EIA sector ids (IND, COM, RES, TRA, ALL)');
    this.months = requirePositiveInteger('months', config.months ?? 3);
  }

  protected async collect(_now: Date, sink: PollSink): Promise<void> {
    const { json } = await this.http.getJson('v2/electricity/retail-sales/data/', {
      api_key: this.apiKey,
      frequency: 'monthly',
      'data[]': 'price',
      'facets[stateid][]': this.states,
      'facets[sectorid][]': [...this.sectors],
      'sort[0][column]': 'period',
      'sort[0][direction]': 'desc',
      offset: 0,
      length: this.months * this.states.length * this.sectors.length,
    });
    const body = requireObject('body', json);
    if (body.error !== undefined) {
      throw new AdapterException(AdapterExceptionCode.PROVIDER_ERROR, `EIA: ${typeof body.error === 'string' ? body.error : JSON.stringify(body.error)}`);
    }
    const response = requireObject('response', body.response);
    const rows = requireArray('response.data', response.data);
    if (rows.length === 0) throw new AdapterException(AdapterExceptionCode.EMPTY_RESPONSE, `EIA returned no retail prices for ${this.states.join(', ')} (${this.sectors.join(', ')})`);
    rows.forEach((row, i) => {
      const field = `response.data[${i}]`;
      try {
        const observation = this.parseRow(field, requireObject(field, row));
        if (observation) sink.add(observation);
        else sink.issue({ code: AdapterExceptionCode.EMPTY_RESPONSE, field: `${field}.price`, key: rowKey(row), message: `${field}: price withheld (null) for ${rowKey(row)}` });
      } catch (error) {
        if (!isEntityLevelError(error)) throw error;
        sink.issueFrom(error, rowKey(row));
      }
    });
  }

  private parseRow(field: string, row: Record<string, unknown>): RetailPowerPriceObservation | undefined {
    const period = requireText(`${field}.period`, row.period, /^\d{4}-(0[1-9]|1[0-2])$/);
    const stateId = requireText(`${field}.stateid`, row.stateid, /^[A-Z]{2}$/);
    const sectorId = requireText(`${field}.sectorid`, row.sectorid) as EiaSectorId;
    const sector = SECTOR_NAMES[sectorId];
    if (!sector) throw AdapterException.invalidField(`${field}.sectorid`, 'must be an EIA sector id', row.sectorid);
    if (row.price === null) return undefined;
    const units = row['price-units'];
    if (units !== CENTS_PER_KWH) throw AdapterException.invalidField(`${field}.price-units`, `must be "${CENTS_PER_KWH}"`, units);
    const cents = parseDecimal(`${field}.price`, row.price);
    if (cents < PLAUSIBLE_CENTS.min || cents > PLAUSIBLE_CENTS.max) {
      throw AdapterException.invalidField(`${field}.price`, `must be ${PLAUSIBLE_CENTS.min}–${PLAUSIBLE_CENTS.max} cents/kWh (a value in $/kWh or $/MWh?)`, row.price);
    }
    return {
      kind: 'power-retail-price',
      source: this.source,
      key: `${stateId}:${sector}`,
      eventTime: new Date(`${period}-01T00:00:00.000Z`),
      stateId,
      sector,
      period,
      powerUsdPerKwh: scaleDecimal(`${field}.price`, row.price, -2),
    };
  }
}

function rowKey(row: unknown): string | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  const { stateid, sectorid } = row as Record<string, unknown>;
  const sector = typeof sectorid === 'string' ? SECTOR_NAMES[sectorid as EiaSectorId] ?? sectorid : '?';
  return typeof stateid === 'string' ? `${stateid}:${sector}` : undefined;
}
