import { Inject, Injectable, Logger } from '@nestjs/common';
import { toJson } from '@bufbuild/protobuf';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { EntityManager } from 'typeorm';
import { CompanyValuedSchema, Topics, type CompanyValued } from '@hashdesk/contracts';
import { EconomicsInputError, parseCompanyProfile, type CompanyProfile, type RegionalPowerQuote } from '@hashdesk/economics';
import type { OutboxWriter } from '@hashdesk/messaging';
import { OUTBOX_WRITER } from '@hashdesk/platform';
import { regionalPowerQuotesAt } from '../machines/regional-power-prices.repository';
import { valueCompanyIfListed, type EquityQuote, type MarketInput, type ProfileVersion } from './company-valuation.calculator';

export type MarketKind = 'btc-price' | 'network-snapshot';

/** A market state: a price and a network snapshot, the one of them nearest before the other by event time. */
export interface MarketPoint {
  price: MarketInput;
  network: MarketInput;
}

/**
 * Largest gap between the event times of a point's price and network snapshot (and between a profile dated
 * after the market state and that state). While two topics are
 * consumed side by side one can run ahead of the other; a price paired with a snapshot from months
 * before is not a market state, so such a point is not valued (the late input makes its own point).
 */
export const MAX_INPUT_SKEW_MS = 3 * 86_400_000;

const withinSkew = (point: MarketPoint): boolean => Math.abs(point.price.eventTime.getTime() - point.network.eventTime.getTime()) <= MAX_INPUT_SKEW_MS;

/** Oldest share quote a valuation uses (a daily close covers a weekend and a holiday). */
export const MAX_QUOTE_AGE_MS = 4 * 86_400_000;

interface QuoteRow {
  ticker: string;
  event_id: string;
  event_type: string;
  event_time: Date;
  learned_time: Date;
  price_usd: number;
}

const toQuote = (r: QuoteRow): EquityQuote => ({
  eventId: r.event_id, eventType: r.event_type, eventTime: new Date(r.event_time), learnedTime: new Date(r.learned_time), priceUsd: r.price_usd,
});
const pointTime = (point: MarketPoint): Date => new Date(Math.max(point.price.eventTime.getTime(), point.network.eventTime.getTime()));

/** Parsed profiles kept (oldest dropped first): every version of the shipped histories fits. */
const MAX_PARSED_PROFILES = 1_000;

/** Most market points one profile version revalues (the newest ones), so a restatement stays one bounded transaction. */
export const MAX_POINTS_PER_REVALUATION = 5_000;

interface MarketRow {
  kind: MarketKind;
  event_id: string;
  event_type: string;
  event_time: Date;
  learned_time: Date;
  values: Record<string, number>;
}

interface ProfileRow {
  ticker: string;
  version: number;
  event_id: string;
  event_type: string;
  event_time: Date;
  learned_time: Date;
  profile_json: string;
  share_price: ProfileVersion['sharePrice'];
}

const toInput = (r: MarketRow): MarketInput => ({
  eventId: r.event_id, eventType: r.event_type, eventTime: new Date(r.event_time), learnedTime: new Date(r.learned_time), values: r.values,
});
const toVersion = (r: ProfileRow): ProfileVersion => ({
  ticker: r.ticker, version: r.version, eventId: r.event_id, eventType: r.event_type, eventTime: new Date(r.event_time),
  learnedTime: new Date(r.learned_time), profileJson: r.profile_json, sharePrice: r.share_price,
});
/** The older of the valuation's price and snapshot event times (lineage: profile, price, network[, quote]): the freshness tie-break. */
const marketInputsFrom = (valued: CompanyValued): Date =>
  new Date(Math.min(...(valued.lineage?.inputs ?? []).slice(1, 3).map((i) => timestampDate(i.eventTime as Timestamp).getTime())));
const otherKind = (kind: MarketKind): MarketKind => (kind === 'btc-price' ? 'network-snapshot' : 'btc-price');
const MARKET_COLUMNS = 'kind, event_id, event_type, event_time, learned_time, "values"';

/**
 * Values companies inside the caller's transaction (the one that marked the input processed):
 *  - a market input at event time t values every company with its version known by t: the newest
 *    event time ≤ t (a version's event time is when it became public), ties to the newest recorded;
 *    with the other input nearest before t (late and out-of-order inputs are placed by event time);
 *  - a profile version dated v revalues its company at every market point from v until the next version
 *    in that order (a restatement revalues from the restatement on; a correction of an old period
 *    recorded later revalues only its own stretch), or at the newest market state when there is none after v;
 *  - a share quote revalues its company at the market state of its time; every valuation uses the
 *    company's newest quote dated at or before its market point (no older than MAX_QUOTE_AGE_MS).
 * Valuation ids derive from the input event ids: recomputing the same inputs writes and publishes nothing.
 */
@Injectable()
export class ValueCompaniesService {
  private readonly logger = new Logger(ValueCompaniesService.name);
  private readonly parsedProfiles = new Map<string, CompanyProfile>();

  constructor(@Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter) {}

  /**
   * Keeps a price or snapshot in the market history and returns its market state: it and the other
   * kind's input nearest before it, if close enough in event time (one statement).
   */
  async recordMarketInput(em: EntityManager, kind: MarketKind, input: MarketInput): Promise<MarketPoint | undefined> {
    const [other]: MarketRow[] = await em.query(
      `WITH kept AS (INSERT INTO market_input (${MARKET_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING)
       SELECT ${MARKET_COLUMNS} FROM market_input WHERE kind = $7 AND event_time <= $4 ORDER BY event_time DESC, event_id DESC LIMIT 1`,
      [kind, input.eventId, input.eventType, input.eventTime, input.learnedTime, JSON.stringify(input.values), otherKind(kind)],
    );
    if (!other) return undefined;
    const point = kind === 'btc-price' ? { price: input, network: toInput(other) } : { price: toInput(other), network: input };
    return withinSkew(point) ? point : undefined;
  }

  /**
   * The market points a late input creates after its own time: the other kind's inputs dated after it
   * (within the skew) that had no partner at all when they arrived, so they were never valued. Inputs
   * already paired with an older one keep that pairing (re-pairing them would multiply the figures of
   * a backfill whose two topics drift apart by up to the skew).
   */
  async laterMarketPoints(em: EntityManager, kind: MarketKind, input: MarketInput): Promise<MarketPoint[]> {
    const rows: MarketRow[] = await em.query(
      `SELECT ${MARKET_COLUMNS} FROM market_input o
        WHERE o.kind = $2 AND o.event_time > $3 AND o.event_time <= $4
          AND NOT EXISTS (SELECT 1 FROM market_input s WHERE s.kind = $1 AND s.event_id <> $5
                            AND s.event_time <= o.event_time AND s.event_time >= o.event_time - make_interval(secs => $6))
        ORDER BY o.event_time, o.event_id`,
      [kind, otherKind(kind), input.eventTime, new Date(input.eventTime.getTime() + MAX_INPUT_SKEW_MS), input.eventId, MAX_INPUT_SKEW_MS / 1000],
    );
    return rows.map((row) => (kind === 'btc-price' ? { price: input, network: toInput(row) } : { price: toInput(row), network: input }));
  }

  async valueAtMarketInput(em: EntityManager, point: MarketPoint, isLatest: boolean): Promise<number> {
    const input = point.price.eventTime >= point.network.eventTime ? point.price : point.network;
    // Each company's newest version dated by the input and, for the newest input, a version dated just after it.
    const versions: ProfileRow[] = await em.query(
      `SELECT * FROM (SELECT DISTINCT ON (ticker) * FROM company_profile WHERE event_time <= $1 ORDER BY ticker, event_time DESC, version DESC) dated
       UNION ALL
       SELECT * FROM (SELECT DISTINCT ON (ticker) * FROM company_profile ORDER BY ticker, event_time DESC, version DESC) newest
        WHERE $3 AND event_time > $1 AND event_time <= $2`,
      [input.eventTime, new Date(input.eventTime.getTime() + MAX_INPUT_SKEW_MS), isLatest],
    );
    if (versions.length === 0) return 0;
    const quotes = await this.quotesAt(em, pointTime(point));
    const power = await regionalPowerQuotesAt(em, pointTime(point));
    return this.publish(em, versions.map(toVersion).flatMap((version) => this.value(version, point, quotes.get(version.ticker), power)));
  }

  /** Stores a share quote and revalues its company at the market state of the quote's time. */
  async recordEquityQuote(em: EntityManager, ticker: string, quote: EquityQuote): Promise<number> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO equity_quote (ticker, event_id, event_type, event_time, learned_time, price_usd) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING ticker`,
      [ticker, quote.eventId, quote.eventType, quote.eventTime, quote.learnedTime, quote.priceUsd],
    );
    if (inserted.length === 0) return 0;
    const [version]: ProfileRow[] = await em.query(
      'SELECT * FROM company_profile WHERE ticker = $1 AND event_time <= $2 ORDER BY event_time DESC, version DESC LIMIT 1',
      [ticker, quote.eventTime],
    );
    if (!version) return 0;
    const latest: MarketRow[] = await em.query(
      `SELECT DISTINCT ON (kind) ${MARKET_COLUMNS} FROM market_input WHERE event_time <= $1 ORDER BY kind, event_time DESC, event_id DESC`,
      [quote.eventTime],
    );
    const price = latest.find((r) => r.kind === 'btc-price');
    const network = latest.find((r) => r.kind === 'network-snapshot');
    if (!price || !network) return 0;
    const point = { price: toInput(price), network: toInput(network) };
    if (!withinSkew(point) || quote.eventTime.getTime() - pointTime(point).getTime() > MAX_INPUT_SKEW_MS) return 0;
    // The newest quote at or before the quote's market point: a late quote does not displace a newer one.
    const current = (await this.quotesAt(em, quote.eventTime, ticker)).get(ticker);
    return this.publish(em, this.value(toVersion(version), point, current, await regionalPowerQuotesAt(em, pointTime(point))));
  }

  /** Each ticker's newest share quote at or before `at`, no older than MAX_QUOTE_AGE_MS. */
  private async quotesAt(em: EntityManager, at: Date, ticker?: string): Promise<Map<string, EquityQuote>> {
    const rows: QuoteRow[] = await em.query(
      `SELECT DISTINCT ON (ticker) * FROM equity_quote WHERE event_time <= $1 AND event_time >= $2 AND ($3::text IS NULL OR ticker = $3)
        ORDER BY ticker, event_time DESC, event_id DESC`,
      [at, new Date(at.getTime() - MAX_QUOTE_AGE_MS), ticker ?? null],
    );
    return new Map(rows.map((r) => [r.ticker, toQuote(r)]));
  }

  /** Stores a profile version and revalues its company from the version's event time on. */
  async recordProfileVersion(em: EntityManager, version: ProfileVersion): Promise<number> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO company_profile (ticker, version, event_id, event_type, event_time, learned_time, profile_json, share_price)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING ticker`,
      [version.ticker, version.version, version.eventId, version.eventType, version.eventTime, version.learnedTime, version.profileJson,
        version.sharePrice ? JSON.stringify(version.sharePrice) : null],
    );
    if (inserted.length === 0) return 0;
    // The version covers the points until the next version in known-at order (a later one, or a newer one
    // at the same time); a correction of an old period recorded later covers only its own stretch.
    const [newer]: Array<{ event_time: Date }> = await em.query(
      `SELECT event_time FROM company_profile WHERE ticker = $1 AND (event_time > $3 OR (event_time = $3 AND version > $2))
        ORDER BY event_time ASC LIMIT 1`,
      [version.ticker, version.version, version.eventTime],
    );
    const points = await this.pointsFrom(em, version.eventTime, newer ? new Date(newer.event_time) : undefined);
    const valued: CompanyValued[] = [];
    for (const point of points) {
      const quote = (await this.quotesAt(em, pointTime(point), version.ticker)).get(version.ticker);
      valued.push(...this.value(version, point, quote, await regionalPowerQuotesAt(em, pointTime(point))));
    }
    return this.publish(em, valued);
  }

  /** Market points with event time in [from, until): each input paired with the other kind's input nearest before it. */
  private async pointsFrom(em: EntityManager, from: Date, until: Date | undefined): Promise<MarketPoint[]> {
    const rows: Array<{ m: MarketRow; o: MarketRow | null }> = await em.query(
      `SELECT row_to_json(m) AS m, row_to_json(o) AS o FROM (
         SELECT ${MARKET_COLUMNS} FROM market_input WHERE event_time >= $1 AND ($2::timestamptz IS NULL OR event_time < $2)
          ORDER BY event_time DESC, kind, event_id DESC LIMIT ${MAX_POINTS_PER_REVALUATION}) m
       LEFT JOIN LATERAL (SELECT ${MARKET_COLUMNS} FROM market_input x WHERE x.kind <> m.kind AND x.event_time <= m.event_time
                           ORDER BY x.event_time DESC, x.event_id DESC LIMIT 1) o ON true
       ORDER BY m.event_time, m.kind, m.event_id`,
      [from, until ?? null],
    );
    const points = rows.filter((r) => r.o !== null).map(({ m, o }) => this.pointOf(m, o as MarketRow)).filter(withinSkew);
    if (points.length > 0 || until) return points;
    // Nothing after the version's date: value it at the newest market state if that is recent enough (its as-of is then the version's date).
    const latest: MarketRow[] = await em.query(
      `SELECT DISTINCT ON (kind) ${MARKET_COLUMNS} FROM market_input ORDER BY kind, event_time DESC, event_id DESC`,
    );
    const price = latest.find((r) => r.kind === 'btc-price');
    const network = latest.find((r) => r.kind === 'network-snapshot');
    const point = price && network ? { price: toInput(price), network: toInput(network) } : undefined;
    const marketTime = point ? Math.max(point.price.eventTime.getTime(), point.network.eventTime.getTime()) : 0;
    return point && withinSkew(point) && from.getTime() - marketTime <= MAX_INPUT_SKEW_MS ? [point] : [];
  }

  private pointOf(m: MarketRow, o: MarketRow): MarketPoint {
    const [price, network] = m.kind === 'btc-price' ? [m, o] : [o, m];
    return { price: toInput(price), network: toInput(network) };
  }

  /** The economics library refuses impossible inputs; such a company is left out of this point, not retried forever. */
  private value(version: ProfileVersion, point: MarketPoint, quote: EquityQuote | undefined, power: readonly RegionalPowerQuote[]): CompanyValued[] {
    try {
      // A company whose shares no longer trade (acquired, delisted) is not valued after its last day.
      const valued = valueCompanyIfListed(version, point.price, point.network, quote, power, this.parsed(version));
      return valued ? [valued] : [];
    } catch (error) {
      if (!(error instanceof EconomicsInputError)) throw error;
      this.logger.warn(`${version.ticker} v${version.version} not valued at price ${point.price.eventId} / network ${point.network.eventId}: ${error.message}`);
      return [];
    }
  }

  /**
   * The version's profile, parsed and checked once: a recorded version never changes (its event id names
   * it), and a backfill values each version at thousands of points.
   */
  private parsed(version: ProfileVersion): CompanyProfile {
    let profile = this.parsedProfiles.get(version.eventId);
    if (!profile) {
      profile = parseCompanyProfile(JSON.parse(version.profileJson));
      if (this.parsedProfiles.size >= MAX_PARSED_PROFILES) this.parsedProfiles.delete(this.parsedProfiles.keys().next().value as string);
      this.parsedProfiles.set(version.eventId, profile);
    }
    return profile;
  }

  private async publish(em: EntityManager, valued: CompanyValued[]): Promise<number> {
    if (valued.length === 0) return 0;
    const rows = valued.map((v) => ({ v, asOf: timestampDate(v.asOf as Timestamp), knownAt: timestampDate(v.knownAt as Timestamp) }));
    const inserted: Array<{ valuation_id: string }> = await em.query(
      `INSERT INTO company_valuation (valuation_id, ticker, as_of, known_at, inputs_from, profile_version, valued)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $7::timestamptz[], $5::int[], $6::jsonb[])
       ON CONFLICT (valuation_id) DO NOTHING RETURNING valuation_id`,
      [
        rows.map((r) => r.v.valuationId), rows.map((r) => r.v.ticker), rows.map((r) => r.asOf), rows.map((r) => r.knownAt),
        rows.map((r) => r.v.profileVersion), rows.map((r) => JSON.stringify(toJson(CompanyValuedSchema, r.v))),
        rows.map((r) => marketInputsFrom(r.v)),
      ],
    );
    const fresh = new Set(inserted.map((r) => r.valuation_id));
    const events = rows.filter((r) => fresh.delete(r.v.valuationId)).map((r) => ({
      entry: Topics.companyValued, message: r.v, eventId: r.v.valuationId, eventTime: r.asOf, subject: r.v.ticker,
    }));
    for (let i = 0; i < events.length; i += 500) await this.outbox.add(em, ...events.slice(i, i + 500));
    return events.length;
  }
}
