import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import {
  COMPANY_PROFILE_SCHEMA_VERSION,
  HPC_CONTRACT_PHASES,
  HPC_CONTRACT_TYPES,
  POWER_CONTRACT_KINDS,
  POWER_PRICE_BASES,
  type BalanceSheetSection,
  type CompanyProfile,
  type FleetSection,
  type HostingSection,
  type HpcContract,
  type OpexSection,
  type PowerContract,
  type PowerSection,
  type ProductionSection,
  type ReportedCostPerBtc,
} from './company-profile';
import { COST_PER_BTC_DEFINITIONS } from './cost-per-btc-definition';
import {
  join,
  readArray,
  readDateFigure,
  readEnum,
  readFigure,
  readIsoDate,
  readNullableIsoDate,
  readNullableText,
  readObject,
  readProvenance,
  readString,
} from './profile-reader.util';

/*
 * Validates an untrusted company profile (parsed JSON) and returns it typed. Hand-written, but it
 * accepts exactly what schemas/company-profile.schema.json accepts (the spec checks both agree on
 * every shipped profile and on broken ones). The library never reads files: pass the parsed JSON in.
 */

const TICKER = /^[A-Z0-9.]{1,10}$/;

export function parseCompanyProfile(json: unknown): CompanyProfile {
  const root = readObject('', json, ['schemaVersion', 'ticker', 'name', 'period', 'asOf', 'fleet', 'power', 'production', 'opex', 'hpcContracts', 'balanceSheet'], ['hosting', 'notes']);
  if (root['schemaVersion'] !== COMPANY_PROFILE_SCHEMA_VERSION) {
    throw new EconomicsInputError('schemaVersion', Code.OUT_OF_RANGE, `must be ${COMPANY_PROFILE_SCHEMA_VERSION} (this library reads profile format version ${COMPANY_PROFILE_SCHEMA_VERSION})`);
  }
  const ticker = readString('ticker', root['ticker']);
  if (!TICKER.test(ticker)) throw new EconomicsInputError('ticker', Code.OUT_OF_RANGE, 'must be 1–10 upper-case letters, digits or dots');
  const profile: CompanyProfile = {
    schemaVersion: COMPANY_PROFILE_SCHEMA_VERSION,
    ticker,
    name: readString('name', root['name']),
    period: readPeriod(root['period']),
    asOf: readIsoDate('asOf', root['asOf']),
    fleet: readFleet(root['fleet']),
    power: readPower(root['power']),
    production: readProduction(root['production']),
    opex: readOpex(root['opex']),
    hpcContracts: readArray('hpcContracts', root['hpcContracts']).map((contract, index) => readHpcContract(join('hpcContracts', index), contract)),
    balanceSheet: readBalanceSheet(root['balanceSheet']),
  };
  const extras: { hosting?: HostingSection; notes?: string | null } = {};
  if (Object.hasOwn(root, 'hosting')) extras.hosting = readHosting(root['hosting']);
  if (Object.hasOwn(root, 'notes')) extras.notes = readNullableText('notes', root['notes']);
  return { ...profile, ...extras };
}

function readPeriod(value: unknown): CompanyProfile['period'] {
  const object = readObject('period', value, ['label', 'startDate', 'endDate']);
  const startDate = readIsoDate('period.startDate', object['startDate']);
  const endDate = readIsoDate('period.endDate', object['endDate']);
  if (endDate < startDate) throw new EconomicsInputError('period.endDate', Code.OUT_OF_RANGE, 'must not be before period.startDate');
  return { label: readString('period.label', object['label']), startDate, endDate };
}

function readFleet(value: unknown): FleetSection {
  const object = readObject('fleet', value, ['installedHashrateEhs', 'operatingHashrateEhs', 'efficiencyJth', 'powerCapacityMw']);
  return {
    installedHashrateEhs: readFigure('fleet.installedHashrateEhs', object['installedHashrateEhs']),
    operatingHashrateEhs: readFigure('fleet.operatingHashrateEhs', object['operatingHashrateEhs']),
    efficiencyJth: readFigure('fleet.efficiencyJth', object['efficiencyJth'], { positive: true }),
    powerCapacityMw: readFigure('fleet.powerCapacityMw', object['powerCapacityMw']),
  };
}

function readPowerContract(path: string, value: unknown): PowerContract {
  const object = readObject(path, value, ['name', 'kind', 'capacityMw', 'priceUsdPerKwh', 'termYears'], ['note']);
  return {
    name: readString(join(path, 'name'), object['name']),
    kind: readEnum(join(path, 'kind'), object['kind'], POWER_CONTRACT_KINDS),
    capacityMw: readFigure(join(path, 'capacityMw'), object['capacityMw']),
    priceUsdPerKwh: readFigure(join(path, 'priceUsdPerKwh'), object['priceUsdPerKwh']),
    termYears: readFigure(join(path, 'termYears'), object['termYears']),
    note: readNullableText(join(path, 'note'), object['note']),
  };
}

function readPower(value: unknown): PowerSection {
  const object = readObject('power', value, ['averagePriceUsdPerKwh', 'priceBasis', 'creditsUsdInPeriod', 'curtailmentRatio', 'contracts']);
  return {
    averagePriceUsdPerKwh: readFigure('power.averagePriceUsdPerKwh', object['averagePriceUsdPerKwh']),
    priceBasis: readEnum('power.priceBasis', object['priceBasis'], POWER_PRICE_BASES),
    creditsUsdInPeriod: readFigure('power.creditsUsdInPeriod', object['creditsUsdInPeriod']),
    curtailmentRatio: readFigure('power.curtailmentRatio', object['curtailmentRatio'], { ratio: true }),
    contracts: readArray('power.contracts', object['contracts']).map((contract, index) => readPowerContract(join('power.contracts', index), contract)),
  };
}

function readReportedCost(path: string, value: unknown): ReportedCostPerBtc {
  const figure = readFigure(path, value, {}, ['definition']);
  const object = value as Record<string, unknown>;
  if (!Object.hasOwn(object, 'definition')) throw new EconomicsInputError(join(path, 'definition'), Code.MISSING, 'is required');
  return { ...figure, definition: readEnum(join(path, 'definition'), object['definition'], COST_PER_BTC_DEFINITIONS) };
}

function readProduction(value: unknown): ProductionSection {
  const object = readObject('production', value, ['btcProducedInPeriod', 'reportedCostsPerBtc']);
  return {
    btcProducedInPeriod: readFigure('production.btcProducedInPeriod', object['btcProducedInPeriod']),
    reportedCostsPerBtc: readArray('production.reportedCostsPerBtc', object['reportedCostsPerBtc']).map((cost, index) =>
      readReportedCost(join('production.reportedCostsPerBtc', index), cost),
    ),
  };
}

function readOpex(value: unknown): OpexSection {
  const keys = ['powerCostUsdInPeriod', 'otherDirectCostUsdInPeriod', 'sgaExSbcUsdInPeriod', 'interestExpenseUsdInPeriod', 'depreciationUsdInPeriod', 'sbcUsdInPeriod'] as const;
  const object = readObject('opex', value, keys);
  return {
    powerCostUsdInPeriod: readFigure('opex.powerCostUsdInPeriod', object['powerCostUsdInPeriod']),
    otherDirectCostUsdInPeriod: readFigure('opex.otherDirectCostUsdInPeriod', object['otherDirectCostUsdInPeriod']),
    sgaExSbcUsdInPeriod: readFigure('opex.sgaExSbcUsdInPeriod', object['sgaExSbcUsdInPeriod']),
    interestExpenseUsdInPeriod: readFigure('opex.interestExpenseUsdInPeriod', object['interestExpenseUsdInPeriod']),
    depreciationUsdInPeriod: readFigure('opex.depreciationUsdInPeriod', object['depreciationUsdInPeriod']),
    sbcUsdInPeriod: readFigure('opex.sbcUsdInPeriod', object['sbcUsdInPeriod']),
  };
}

function readHosting(value: unknown): HostingSection {
  const object = readObject('hosting', value, ['hostedHashrateEhs', 'revenueUsdInPeriod', 'costUsdInPeriod']);
  return {
    hostedHashrateEhs: readFigure('hosting.hostedHashrateEhs', object['hostedHashrateEhs']),
    revenueUsdInPeriod: readFigure('hosting.revenueUsdInPeriod', object['revenueUsdInPeriod']),
    costUsdInPeriod: readFigure('hosting.costUsdInPeriod', object['costUsdInPeriod']),
  };
}

const HPC_REQUIRED = [
  'counterparty', 'contractType', 'phase', 'status', 'announced', 'criticalItMw', 'capacityBasis', 'termYears', 'contractValueUsd',
  'usdPerKwMonth', 'noiMarginRatio', 'annualEscalatorRatio', 'rentStartDate', 'remainingBuildCapexUsd', 'source',
] as const;

function readHpcContract(path: string, value: unknown): HpcContract {
  const object = readObject(path, value, HPC_REQUIRED, ['sourceQuality', 'note']);
  const provenance = readProvenance(path, { ...object, asOf: null });
  return {
    counterparty: readString(join(path, 'counterparty'), object['counterparty']),
    contractType: readEnum(join(path, 'contractType'), object['contractType'], HPC_CONTRACT_TYPES),
    phase: readEnum(join(path, 'phase'), object['phase'], HPC_CONTRACT_PHASES),
    status: readString(join(path, 'status'), object['status']),
    announced: readNullableIsoDate(join(path, 'announced'), object['announced']),
    criticalItMw: readFigure(join(path, 'criticalItMw'), object['criticalItMw']),
    capacityBasis: readString(join(path, 'capacityBasis'), object['capacityBasis']),
    termYears: readFigure(join(path, 'termYears'), object['termYears'], { positive: true }),
    contractValueUsd: readFigure(join(path, 'contractValueUsd'), object['contractValueUsd']),
    usdPerKwMonth: readFigure(join(path, 'usdPerKwMonth'), object['usdPerKwMonth']),
    noiMarginRatio: readFigure(join(path, 'noiMarginRatio'), object['noiMarginRatio'], { ratio: true }),
    annualEscalatorRatio: readFigure(join(path, 'annualEscalatorRatio'), object['annualEscalatorRatio'], { ratio: true }),
    rentStartDate: readDateFigure(join(path, 'rentStartDate'), object['rentStartDate']),
    remainingBuildCapexUsd: readFigure(join(path, 'remainingBuildCapexUsd'), object['remainingBuildCapexUsd']),
    source: provenance.source,
    ...(Object.hasOwn(object, 'sourceQuality') && { sourceQuality: provenance.sourceQuality }),
    ...(Object.hasOwn(object, 'note') && { note: provenance.note }),
  };
}

function readBalanceSheet(value: unknown): BalanceSheetSection {
  const object = readObject('balanceSheet', value, ['btcHeld', 'cashUsd', 'totalDebtUsd', 'convertibleNotesUsd', 'sharesOutstanding'], ['preferredEquityUsd']);
  const sheet: BalanceSheetSection = {
    btcHeld: readFigure('balanceSheet.btcHeld', object['btcHeld']),
    cashUsd: readFigure('balanceSheet.cashUsd', object['cashUsd']),
    totalDebtUsd: readFigure('balanceSheet.totalDebtUsd', object['totalDebtUsd']),
    convertibleNotesUsd: readFigure('balanceSheet.convertibleNotesUsd', object['convertibleNotesUsd']),
    sharesOutstanding: readFigure('balanceSheet.sharesOutstanding', object['sharesOutstanding'], { integer: true }),
  };
  return Object.hasOwn(object, 'preferredEquityUsd')
    ? { ...sheet, preferredEquityUsd: readFigure('balanceSheet.preferredEquityUsd', object['preferredEquityUsd']) }
    : sheet;
}
