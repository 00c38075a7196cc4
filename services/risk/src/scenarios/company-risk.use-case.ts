import { Injectable } from '@nestjs/common';
import {
  balanceSheetRisk, companyMetrics, EconomicsInputError, runStandingScenarios, STANDING_SCENARIOS,
  type BalanceSheetRisk, type CompanyValuationOptions, type StandingScenarioResult,
} from '@hashdesk/economics';
import { fromEconomicsError } from '../common/risk-exception.filter';
import { CompanyProfilesService, type ProfileProvenance } from '../companies/company-profiles.service';
import { MarketResolverService } from '../market/market-resolver.service';
import { PolicyRegisterRepository, type PolicyEventView } from '../policy/policy-register.repository';
import type { AdHocScenarioRequestDto } from './dto/ad-hoc-scenario.request.dto';
import type { CompanyRiskQueryDto } from './dto/company-risk.query.dto';

export interface CompanyRisk {
  ticker: string;
  standingScenarios: StandingScenarioResult;
  balanceSheetRisk: BalanceSheetRisk;
  /** The register entries bearing on the company, in force now: what the score's policy component reads. */
  policyEvents: PolicyEventView[];
  /** Where the company operates as the register knows it (jurisdiction-wide entries there bear on it). */
  jurisdictions: string[];
  /** The profile the figures come from: the newest version ingest published. */
  profile: ProfileProvenance;
}

const defined = <T extends object>(o: T | undefined): Partial<T> => Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

/** A company's standing scenarios and balance-sheet risk, and ad hoc scenarios (economics/risk). */
@Injectable()
export class CompanyRiskUseCase {
  constructor(
    private readonly profiles: CompanyProfilesService,
    private readonly markets: MarketResolverService,
    private readonly policy: PolicyRegisterRepository,
  ) {}

  async companyRisk(ticker: string, query: CompanyRiskQueryDto): Promise<CompanyRisk> {
    const { profile, provenance } = this.profiles.current(ticker);
    const { otherDirectCostUsdPerBtc, sgaExSbcUsdPerBtc, interestUsdPerBtc, convertibleConversionPriceUsd, ...marketFields } = query;
    const market = await this.markets.resolve(marketFields, 'query');
    const asOf = new Date();
    const [policyEvents, jurisdictions] = await Promise.all([this.policy.forCompany(profile.ticker, asOf), this.policy.jurisdictionsOf(profile.ticker)]);
    const options: CompanyValuationOptions = { company: defined({ otherDirectCostUsdPerBtc, sgaExSbcUsdPerBtc, interestUsdPerBtc }), valuation: { excludeIncompleteHpcContracts: true } };
    return mapEconomics(() => {
      const standingScenarios = runStandingScenarios(profile, market, options, STANDING_SCENARIOS);
      const metrics = companyMetrics(profile, market, options.company);
      const risk = balanceSheetRisk(profile, metrics, standingScenarios, { ...defined({ convertibleConversionPriceUsd }), policy: { events: policyEvents, asOf } });
      return { ticker: profile.ticker, standingScenarios, balanceSheetRisk: risk, policyEvents, jurisdictions, profile: provenance };
    }, 'query.');
  }

  async adHoc(body: AdHocScenarioRequestDto): Promise<StandingScenarioResult> {
    const profile = this.profiles.get(body.ticker, defined(body.balanceSheet));
    const market = await this.markets.resolve(body.market);
    const options: CompanyValuationOptions = { company: defined(body.assumptions), valuation: { excludeIncompleteHpcContracts: true } };
    const shock = defined(body.shock);
    return mapEconomics(() => runStandingScenarios(profile, market, options, [{ name: body.name ?? 'ad hoc', shock }]), '');
  }
}

/** Library input errors become 400s naming the request field (scenarios[0].shock.x → shock.x). */
function mapEconomics<T>(fn: () => T, prefix: string): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof EconomicsInputError) {
      const field = error.field.replace(/^scenarios\[0\]\./, '');
      throw fromEconomicsError(new EconomicsInputError(field, error.code, error.rule), prefix);
    }
    throw error;
  }
}
