import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { DataSource, EntityManager } from 'typeorm';
import { canonicalJson, CompanyProfileRecordedSchema, SubmittedSharePriceSchema, Topics } from '@hashdesk/contracts';
import { EconomicsInputError, parseCompanyProfile, type CompanyProfile } from '@hashdesk/economics';
import { derivedEventId, type OutboxRelay, type OutboxWriter } from '@hashdesk/messaging';
import { DATA_SOURCE, OUTBOX_RELAY, OUTBOX_WRITER } from '@hashdesk/platform';
import { applyFigure, endOfAsOf, fitsProfilePeriod, SHARE_PRICE_PATH, type SubmittedFigure } from './company-figure.util';
import { CompanyProfileVersionEntity } from './company-profile-version.entity';
import { CompanyProfileException, CompanyProfileExceptionCode } from './company-profile.exception';

export interface RecordProfileResult {
  ticker: string;
  version: number;
  versionId: string;
  eventTime: string;
  /** false when this content was already recorded: nothing new was published. */
  published: boolean;
}

type SharePrice = NonNullable<CompanyProfileVersionEntity['sharePrice']>;

/**
 * Records company profiles point in time: a whole profile or one figure (a restatement) becomes a
 * new version with its event time (as-of) and learned time, written with its event in one
 * transaction (outbox). Nothing is overwritten; content seen before is recorded and published once.
 */
@Injectable()
export class RecordCompanyProfileUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  /**
   * A whole profile (company profile format v1), validated by the economics parser. Its event time is
   * the profile's `knownAt` when it has one (a version of the company history: when it became public),
   * else its period end. `sharePrice` (a history version's own, null for none) replaces the one kept
   * beside the profile; undefined keeps the newest version's (a profile posted on its own).
   */
  async recordProfile(json: unknown, origin: string, learnedAt = new Date(), sharePrice?: SharePrice | null): Promise<RecordProfileResult> {
    const profile = parseOrThrow(json, CompanyProfileExceptionCode.INVALID_PROFILE, '');
    const profileJson = canonicalJson(json);
    const profileEnd = endOfAsOf(profile.asOf) as Date; // the parser checked the date
    return this.inTransaction(profile.ticker, async (em, latest) => {
      // Loading the same file again (e.g. on every start of the main job) is not news.
      if (latest?.profileJson === profileJson && (sharePrice === undefined || canonicalJson(sharePrice) === canonicalJson(latest.sharePrice))) {
        return resultOf(latest, false);
      }
      const price = sharePrice === undefined ? (latest?.sharePrice ?? null) : sharePrice;
      const eventTime = profile.knownAt
        ? new Date(profile.knownAt)
        : new Date(Math.max(profileEnd.getTime(), price ? (endOfAsOf(price.asOf) as Date).getTime() : 0));
      return this.store(em, { ticker: profile.ticker, profileJson, sharePrice: price, eventTime, origin, learnedAt }, latest);
    });
  }

  /**
   * A figure from a periodic source (SEC filings polled by the live adapter): recorded only when the
   * profile has that figure and its current value is not dated later, so an older filing polled again
   * never replaces a newer figure. Returns undefined when skipped.
   */
  async recordFigureIfNotOlder(ticker: string, figure: SubmittedFigure, origin: string, learnedAt = new Date()): Promise<RecordProfileResult | undefined> {
    const figureEnd = endOfAsOf(figure.asOf);
    const latest = await this.dataSource.getRepository(CompanyProfileVersionEntity).findOne({ where: { ticker }, order: { version: 'DESC' } });
    if (!figureEnd || !latest) return undefined;
    const profile = JSON.parse(latest.profileJson) as Record<string, unknown> & { period: { endDate: string } };
    // A quarter's amount belongs only in that quarter's profile (a Q3 2024 interest expense is not Q3 2025's).
    if (!fitsProfilePeriod(figure, profile.period)) return undefined;
    const current = figureAt(profile, figure.path);
    const currentEnd = typeof current?.asOf === 'string' ? endOfAsOf(current.asOf) : undefined;
    if (!current || (currentEnd && currentEnd.getTime() > figureEnd.getTime())) return undefined;
    if (current.value === figure.value && current.asOf === figure.asOf) return undefined;
    return this.recordFigure(ticker, figure, origin, learnedAt);
  }

  /** One figure restated or added to the newest version of the ticker's profile. */
  async recordFigure(ticker: string, figure: SubmittedFigure, origin: string, learnedAt = new Date()): Promise<RecordProfileResult> {
    const figureEnd = endOfAsOf(figure.asOf);
    if (!figureEnd) throw figureViolation('asOf', 'asOfFormat', 'must be YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY or FYYYYY');
    return this.inTransaction(ticker, async (em, latest) => {
      if (!latest) throw new CompanyProfileException(CompanyProfileExceptionCode.UNKNOWN_TICKER, `no profile for ${ticker}: submit a whole profile first`);
      // Known from its publication (a filing's acceptance time) when that is given, else from the end of its period.
      const knownAt = figure.knownAt ? new Date(figure.knownAt) : undefined;
      if (knownAt && Number.isNaN(knownAt.getTime())) throw figureViolation('knownAt', 'isIso8601', 'must be an ISO 8601 time with a zone');
      const eventTime = new Date(Math.max(latest.eventTime.getTime(), (knownAt ?? figureEnd).getTime()));
      if (figure.path === SHARE_PRICE_PATH) {
        if (typeof figure.value !== 'number' || !(figure.value > 0)) throw figureViolation('value', 'isPositive', 'a share price must be a number > 0');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(figure.asOf)) throw figureViolation('asOf', 'isDate', 'a share price needs a day (YYYY-MM-DD)');
        const sharePrice = { priceUsd: figure.value, asOf: figure.asOf, source: figure.source };
        return this.store(em, { ticker, profileJson: latest.profileJson, sharePrice, eventTime, origin, learnedAt }, latest);
      }
      const restated = applyFigure(JSON.parse(latest.profileJson) as Record<string, unknown>, figure);
      parseOrThrow(restated, CompanyProfileExceptionCode.INVALID_FIGURE, figure.path);
      return this.store(em, { ticker, profileJson: canonicalJson(restated), sharePrice: latest.sharePrice, eventTime, origin, learnedAt }, latest);
    });
  }

  private async inTransaction(
    ticker: string,
    work: (em: EntityManager, latest: CompanyProfileVersionEntity | null) => Promise<RecordProfileResult>,
  ): Promise<RecordProfileResult> {
    const result = await this.dataSource.transaction(async (em) => {
      // Versions of one ticker are numbered one at a time.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`company_profile:${ticker}`]);
      const latest = await em.findOne(CompanyProfileVersionEntity, { where: { ticker }, order: { version: 'DESC' } });
      return work(em, latest);
    });
    if (result.published) this.relay.kick();
    return result;
  }

  private async store(
    em: EntityManager,
    next: { ticker: string; profileJson: string; sharePrice: SharePrice | null; eventTime: Date; origin: string; learnedAt: Date },
    latest: CompanyProfileVersionEntity | null,
  ): Promise<RecordProfileResult> {
    const contentSha256 = createHash('sha256').update(`${next.profileJson}|${canonicalJson(next.sharePrice)}|${next.eventTime.toISOString()}`).digest('hex');
    const seen = await em.findOne(CompanyProfileVersionEntity, { where: { ticker: next.ticker, contentSha256 } });
    if (seen) return resultOf(seen, false);
    const version = (latest?.version ?? 0) + 1;
    const row = em.create(CompanyProfileVersionEntity, { versionId: versionIdFor(next.ticker, contentSha256), version, contentSha256, ...next });
    await em.insert(CompanyProfileVersionEntity, row);
    const message = create(CompanyProfileRecordedSchema, {
      versionId: row.versionId,
      ticker: row.ticker,
      version,
      eventTime: timestampFromDate(row.eventTime),
      learnedTime: timestampFromDate(row.learnedAt),
      profileJson: row.profileJson,
      contentSha256,
      origin: row.origin,
      sharePrice: row.sharePrice ? create(SubmittedSharePriceSchema, row.sharePrice) : undefined,
    });
    await this.outbox.add(em, { entry: Topics.companyProfileRecorded, message, eventId: row.versionId, eventTime: row.eventTime, subject: row.ticker });
    return resultOf(row, true);
  }
}

function resultOf(row: CompanyProfileVersionEntity, published: boolean): RecordProfileResult {
  return { ticker: row.ticker, version: row.version, versionId: row.versionId, eventTime: row.eventTime.toISOString(), published };
}

export function versionIdFor(ticker: string, contentSha256: string): string {
  return derivedEventId('company-profile', ticker, contentSha256);
}

function figureViolation(field: string, rule: string, message: string): CompanyProfileException {
  return new CompanyProfileException(CompanyProfileExceptionCode.INVALID_FIGURE, message, [{ field, rule, message }]);
}

/** The economics parser's error names the JSON path and the broken rule; it becomes the 400's violation. */
function parseOrThrow(json: unknown, code: CompanyProfileExceptionCode, figurePath: string): CompanyProfile {
  try {
    return parseCompanyProfile(json);
  } catch (error) {
    if (error instanceof EconomicsInputError) {
      const field = figurePath && error.field.startsWith(figurePath) ? `value (${error.field})` : error.field;
      throw new CompanyProfileException(code, error.message, [{ field, rule: error.code, message: error.rule }]);
    }
    throw error;
  }
}

/** The sourced figure at a dotted path (no array indexes needed for the balance-sheet paths). */
function figureAt(profile: Record<string, unknown>, path: string): { value?: unknown; asOf?: unknown } | undefined {
  let node: unknown = profile;
  for (const step of path.split('.')) node = (node as Record<string, unknown> | null)?.[step];
  return node !== null && typeof node === 'object' && 'value' in node ? (node as { value?: unknown; asOf?: unknown }) : undefined;
}
