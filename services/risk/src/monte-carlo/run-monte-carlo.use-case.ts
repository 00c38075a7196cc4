import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  calibrateGbm, dailyLogReturns, EconomicsInputError, planMonteCarlo, resolveMonteCarloOpex,
  type CompanyProfile, type MonteCarloCompanyResult, type MonteCarloOpexAssumption, type MonteCarloOpexResolution, type MonteCarloRankingRow, type MonteCarloResult, type PriceModel,
} from '@hashdesk/economics';
import { readBundledBtcPrices } from '@hashdesk/reference-data';
import { RISK_CONFIG } from '../config/risk-config.token';
import type { RiskEnv } from '../config/risk.config';
import { RiskException, RiskExceptionCode } from '../common/risk.exception';
import { fromEconomicsError } from '../common/risk-exception.filter';
import { CompanyProfilesService, type BalanceSheetOverrides, type ProfileProvenance } from '../companies/company-profiles.service';
import { MarketResolverService } from '../market/market-resolver.service';
import { MAX_MONTE_CARLO_TICKERS, type MonteCarloRequestDto } from './dto/monte-carlo.request.dto';
import { MonteCarloWorkerPool } from './monte-carlo-workers';
import { ILLUSTRATIVE_OPEX_ASSUMPTIONS, ILLUSTRATIVE_OPEX_FALLBACKS } from './illustrative-opex';

const STANDARD_HORIZONS = [3, 6, 12];

export const PATH_SHARING =
  'common random numbers: every company is evaluated on the same simulated BTC price and difficulty paths (path i depends only on the seed and i), ' +
  'so the ranking compares the companies on like markets, and a company\'s figures are the same whether it runs alone or in a list (same seed, paths and inputs)';

/** Which profile version a company ran on (the newest risk holds, from ingest.company-profile.recorded.v1). */
interface ProfileUsed {
  readonly version: number;
  readonly eventId: string;
  /** The version's event time (when its newest source became public) and when ingest learned it. */
  readonly eventTime: string;
  readonly learnedTime: string;
  readonly periodLabel: string;
  readonly periodEndDate: string;
}

interface CompanyRun {
  readonly ticker: string;
  readonly profile: CompanyProfile;
  readonly used: ProfileUsed;
  readonly opex: MonteCarloOpexResolution;
}

/** A company's result with where its figures came from: the profile version and each cost figure's source or stand-in. */
export type MonteCarloCompanyResponse = MonteCarloCompanyResult & {
  readonly profile: ProfileUsed;
  readonly opex: MonteCarloOpexResolution['figures'];
  /** The cost figures that were not the company's own, each with the stand-in used. */
  readonly fallbacks: ReadonlyArray<{ readonly field: string; readonly fallback: string; readonly usdPerBtc: number }>;
};

export interface SkippedCompanyResponse {
  readonly ticker: string;
  readonly reason: string;
  readonly missingInputs: readonly string[];
  readonly profile: ProfileUsed;
  readonly fallbacks: MonteCarloOpexResolution['fallbacks'];
}

export type MonteCarloResponse = Omit<MonteCarloResult, 'companies' | 'skippedCompanies' | 'ranking'> & {
  readonly tickers: readonly string[];
  readonly pathSharing: string;
  readonly companies: readonly MonteCarloCompanyResponse[];
  readonly skippedCompanies: readonly SkippedCompanyResponse[];
  readonly ranking: MonteCarloResult['ranking'] & { readonly rows: ReadonlyArray<MonteCarloRankingRow & { readonly opexFallbacks: readonly string[] }> };
  readonly assumptions: Record<string, unknown>;
};

const defined = <T extends object>(o: T | undefined): Partial<T> => Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * Runs a Monte Carlo of one company or of a list ("all": every company risk holds) on the service's
 * persistent worker pool (started once at module init, closed on shutdown): the request thread only
 * plans (each company's fair-value grid) and summarises. Every company runs on the same market paths.
 * Each uses its own period opex from the profile version risk holds; a missing figure takes the caller's
 * per-BTC assumption, else the illustrative fallback, named per company and figure. A company that
 * cannot be simulated is listed with its reason (a single ticker that cannot is a 422, as before).
 */
@Injectable()
export class RunMonteCarloUseCase implements OnModuleInit, OnModuleDestroy {
  private pool: MonteCarloWorkerPool | null = null;
  private readonly prices = readBundledBtcPrices();
  private readonly calibration = calibrateGbm(this.prices);
  private readonly returns = dailyLogReturns(this.prices);

  constructor(
    @Inject(RISK_CONFIG) private readonly config: RiskEnv,
    private readonly profiles: CompanyProfilesService,
    private readonly markets: MarketResolverService,
  ) {}

  onModuleInit(): void {
    this.pool = new MonteCarloWorkerPool(this.config.RISK_MONTE_CARLO_WORKERS);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }

  async execute(request: MonteCarloRequestDto, today = new Date()): Promise<MonteCarloResponse> {
    const pool = this.pool;
    if (pool === null || pool.queued >= pool.size * this.config.RISK_MONTE_CARLO_QUEUE_PER_WORKER) {
      throw new RiskException(RiskExceptionCode.MONTE_CARLO_BUSY, 'the Monte Carlo workers are busy; retry shortly');
    }
    const single = request.tickers === undefined;
    const tickers = this.tickersOf(request);
    const overrides = this.overridesOf(request, tickers);
    const given = defined(request.assumptions) as { [K in MonteCarloOpexAssumption]?: number };
    const runs = tickers.map(({ ticker, field }): CompanyRun => {
      const override = overrides.get(ticker);
      const balanceSheet: BalanceSheetOverrides = { ...defined(request.balanceSheet), ...defined(override?.balanceSheet) };
      const { profile, provenance } = this.profiles.current(ticker, balanceSheet, field);
      const opex = resolveMonteCarloOpex(profile, { ...given, ...(defined(override?.assumptions) as typeof given) }, ILLUSTRATIVE_OPEX_FALLBACKS);
      return { ticker: profile.ticker, profile, used: profileUsed(profile, provenance), opex };
    });
    const market = await this.markets.resolve(request.market);
    const todayIso = today.toISOString().slice(0, 10);
    const delisted = runs.filter((r) => r.profile.delistedOn && r.profile.delistedOn < todayIso);
    const simulated = runs.filter((r) => !delisted.includes(r));
    const priceModel: PriceModel =
      request.model === 'gbm'
        ? { kind: 'gbm', driftPerYear: request.driftPerYear ?? this.calibration.driftPerYear, volatilityPerYear: request.volatilityPerYear ?? this.calibration.volatilityPerYear }
        : { kind: 'block-bootstrap', dailyLogReturns: this.returns, ...(request.blockLengthDays !== undefined && { blockLengthDays: request.blockLengthDays }) };
    const horizonsMonths = [...STANDARD_HORIZONS.filter((h) => h < request.horizonMonths), request.horizonMonths];
    let plan;
    try {
      plan = planMonteCarlo(
        simulated.map((r) => ({ profile: r.profile, options: { company: r.opex.company, valuation: { excludeIncompleteHpcContracts: true } } })),
        {
          btcPriceUsd: market.btcPriceUsd, difficulty: market.difficulty, height: market.height as number, feesBtcPerBlock: market.feesBtcPerBlock as number,
          ...(request.market?.powerUsdPerKwh !== undefined && { powerUsdPerKwh: request.market.powerUsdPerKwh }),
        },
        { seed: request.seed, paths: request.paths, priceModel, horizonsMonths, ...(request.runwayFloorMonths !== undefined && { runwayFloorMonths: request.runwayFloorMonths }) },
      );
    } catch (error) {
      if (error instanceof EconomicsInputError) throw fromEconomicsError(error);
      throw error;
    }
    const byTicker = new Map(runs.map((r) => [r.ticker, r]));
    const skipped: SkippedCompanyResponse[] = [
      ...delisted.map((r) => ({ ticker: r.ticker, reason: `delisted on ${r.profile.delistedOn}: its shares no longer trade`, missingInputs: [], profile: r.used, fallbacks: r.opex.fallbacks })),
      ...plan.skippedCompanies.map((s) => {
        const run = byTicker.get(s.ticker) as CompanyRun;
        const reason = s.reason ?? `profile version ${run.used.version} (${run.used.periodLabel}) lacks ${s.missingInputs.join(', ')} (a|b: either; give them under market, assumptions or ${single ? 'balanceSheet' : 'overrides[]'})`;
        return { ticker: s.ticker, reason, missingInputs: s.missingInputs, profile: run.used, fallbacks: run.opex.fallbacks };
      }),
    ];
    if (single && plan.companies.length === 0) {
      const skip = skipped[0];
      throw new RiskException(
        RiskExceptionCode.COMPANY_NOT_SIMULABLE,
        `${skip.ticker} cannot be simulated: ${skip.missingInputs.length > 0 ? `its profile lacks ${skip.missingInputs.join(', ')}` : skip.reason} (give them under balanceSheet or assumptions)`,
        'ticker',
      );
    }
    const result = await pool.run(plan);
    const ownFallbacks = (run: CompanyRun) => run.opex.fallbacks.flatMap((f) => (f.fallback === null || f.usdPerBtc === null ? [] : [{ field: f.field, fallback: f.fallback, usdPerBtc: f.usdPerBtc }]));
    return {
      ...result,
      tickers: runs.map((r) => r.ticker),
      pathSharing: PATH_SHARING,
      companies: result.companies.map((c) => {
        const run = byTicker.get(c.ticker) as CompanyRun;
        return { ...c, profile: run.used, opex: run.opex.figures, fallbacks: ownFallbacks(run) };
      }),
      skippedCompanies: skipped,
      ranking: { ...result.ranking, rows: result.ranking.rows.map((row) => ({ ...row, opexFallbacks: ownFallbacks(byTicker.get(row.ticker) as CompanyRun).map((f) => f.field) })) },
      assumptions: {
        // The per-BTC stand-ins on offer (the request's over the illustrative ones); which each company used is in companies[].fallbacks.
        company: { ...ILLUSTRATIVE_OPEX_ASSUMPTIONS, ...given },
        opexFallbacks: ILLUSTRATIVE_OPEX_FALLBACKS,
        priceModel: request.model === 'gbm' ? priceModel : { kind: 'block-bootstrap', observations: this.returns.length, blockLengthDays: request.blockLengthDays ?? 30 },
      },
    };
  }

  /** The companies to run, each with the request field that named it (for a 404 naming it). */
  private tickersOf(request: MonteCarloRequestDto): Array<{ ticker: string; field: string }> {
    if (request.tickers === undefined) return [{ ticker: request.ticker as string, field: 'ticker' }];
    if (request.tickers === 'all') {
      const all = this.profiles.tickers();
      if (all.length === 0) throw new RiskException(RiskExceptionCode.UNKNOWN_COMPANY, 'no company profile published by ingest yet', 'tickers');
      if (all.length > MAX_MONTE_CARLO_TICKERS) {
        throw new RiskException(RiskExceptionCode.INVALID_INPUT, `"all" names ${all.length} companies; one run takes at most ${MAX_MONTE_CARLO_TICKERS}: list them in parts`, 'tickers');
      }
      return all.map((ticker) => ({ ticker, field: 'tickers' }));
    }
    return request.tickers.map((ticker, i) => ({ ticker: ticker.toUpperCase(), field: `tickers[${i}]` }));
  }

  private overridesOf(request: MonteCarloRequestDto, tickers: ReadonlyArray<{ ticker: string }>): Map<string, NonNullable<MonteCarloRequestDto['overrides']>[number]> {
    const wanted = new Set(tickers.map((t) => t.ticker.toUpperCase()));
    const out = new Map<string, NonNullable<MonteCarloRequestDto['overrides']>[number]>();
    for (const [i, override] of (request.overrides ?? []).entries()) {
      const ticker = override.ticker.toUpperCase();
      if (!wanted.has(ticker)) throw new RiskException(RiskExceptionCode.INVALID_INPUT, `${ticker} is not among the companies simulated`, `overrides[${i}].ticker`);
      if (out.has(ticker)) throw new RiskException(RiskExceptionCode.INVALID_INPUT, `repeats ${ticker}: one entry per company`, `overrides[${i}].ticker`);
      out.set(ticker, override);
    }
    return out;
  }
}

function profileUsed(profile: CompanyProfile, provenance: ProfileProvenance): ProfileUsed {
  return {
    version: provenance.version, eventId: provenance.eventId, eventTime: provenance.eventTime.toISOString(), learnedTime: provenance.learnedTime.toISOString(), periodLabel: profile.period.label, periodEndDate: profile.period.endDate,
  };
}
