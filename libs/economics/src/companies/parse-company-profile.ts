import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import {
  COMPANY_PROFILE_SCHEMA_VERSION,
  HPC_CONTRACT_PHASES,
  HPC_CONTRACT_TYPES,
  POWER_CONTRACT_KINDS,
  POWER_PRICE_BASES,
  type BalanceSheetSection,
  type CapexSection,
  type CompanyProfile,
  type IncomeSection,
  type RevenueSection,
  type SourcedRecord,
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
  const root = readObject('', json, ['schemaVersion', 'ticker', 'name', 'period', 'asOf', 'fleet', 'power', 'production', 'opex', 'hpcContracts', 'balanceSheet'], ['hosting', 'notes', 'knownAt', 'revenue', 'income', 'capex', 'sites', 'convertibles', 'delistedOn']);
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
  const extras: { -readonly [K in 'hosting' | 'notes' | 'knownAt' | 'revenue' | 'income' | 'capex' | 'sites' | 'convertibles' | 'delistedOn']?: CompanyProfile[K] } = {};
  if (Object.hasOwn(root, 'hosting')) extras.hosting = readHosting(root['hosting']);
  if (Object.hasOwn(root, 'notes')) extras.notes = readNullableText('notes', root['notes']);
  if (Object.hasOwn(root, 'knownAt')) extras.knownAt = readKnownAtTime(root['knownAt']);
  if (Object.hasOwn(root, 'delistedOn')) extras.delistedOn = readNullableIsoDate('delistedOn', root['delistedOn']);
  if (Object.hasOwn(root, 'revenue')) extras.revenue = readRevenue(root['revenue']);
  if (Object.hasOwn(root, 'income')) extras.income = readIncome(root['income']);
  if (Object.hasOwn(root, 'capex')) extras.capex = readCapex(root['capex']);
  if (Object.hasOwn(root, 'sites')) extras.sites = readRecords('sites', root['sites'], ['name', 'region']);
  if (Object.hasOwn(root, 'convertibles')) extras.convertibles = readRecords('convertibles', root['convertibles'], ['name']);
  return { ...profile, ...extras };
}

const KNOWN_AT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

function readKnownAtTime(value: unknown): string {
  const text = readString('knownAt', value);
  if (!KNOWN_AT_TIME.test(text) || Number.isNaN(Date.parse(text))) throw new EconomicsInputError('knownAt', Code.OUT_OF_RANGE, `must be a UTC time YYYY-MM-DDTHH:MM:SSZ, got '${text}'`);
  return text;
}

function readRevenue(value: unknown): RevenueSection {
  const object = readObject('revenue', value, ['totalUsdInPeriod', 'miningUsdInPeriod', 'hostingUsdInPeriod', 'hpcUsdInPeriod']);
  return {
    totalUsdInPeriod: readFigure('revenue.totalUsdInPeriod', object['totalUsdInPeriod']),
    miningUsdInPeriod: readFigure('revenue.miningUsdInPeriod', object['miningUsdInPeriod']),
    hostingUsdInPeriod: readFigure('revenue.hostingUsdInPeriod', object['hostingUsdInPeriod']),
    hpcUsdInPeriod: readFigure('revenue.hpcUsdInPeriod', object['hpcUsdInPeriod']),
  };
}

function readIncome(value: unknown): IncomeSection {
  const object = readObject('income', value, ['netIncomeUsdInPeriod', 'adjustedEbitdaUsdInPeriod']);
  return {
    netIncomeUsdInPeriod: readFigure('income.netIncomeUsdInPeriod', object['netIncomeUsdInPeriod'], { signed: true }),
    adjustedEbitdaUsdInPeriod: readFigure('income.adjustedEbitdaUsdInPeriod', object['adjustedEbitdaUsdInPeriod'], { signed: true }),
  };
}

function readCapex(value: unknown): CapexSection {
  const object = readObject('capex', value, ['capexUsdInPeriod']);
  return { capexUsdInPeriod: readFigure('capex.capexUsdInPeriod', object['capexUsdInPeriod']) };
}

/** Sites and convertible notes: each names its source, publication date and the words it was read in. */
function readRecords(path: string, value: unknown, required: readonly string[]): SourcedRecord[] {
  return readArray(path, value).map((item, index) => {
    const itemPath = join(path, index);
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new EconomicsInputError(itemPath, Code.MISSING, 'must be an object');
    const record = item as Record<string, unknown>;
    for (const key of required) readString(join(itemPath, key), record[key]);
    readIsoDate(join(itemPath, 'knownAt'), record['knownAt']);
    readString(join(itemPath, 'source'), record['source']);
    readEnum(join(itemPath, 'sourceQuality'), record['sourceQuality'], ['primary', 'secondary'] as const);
    const excerpt = readString(join(itemPath, 'excerpt'), record['excerpt']);
    if ([...excerpt].length > 200) throw new EconomicsInputError(join(itemPath, 'excerpt'), Code.OUT_OF_RANGE, 'must be at most 200 characters');
    return record as SourcedRecord;
  });
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
  const object = readObject(path, value, ['name', 'kind', 'capacityMw', 'priceUsdPerKwh', 'termYears'], ['note', 'endDate']);
  return {
    ...(Object.hasOwn(object, 'endDate') && { endDate: readNullableIsoDate(join(path, 'endDate'), object['endDate']) }),
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
  const object = readObject('production', value, ['btcProducedInPeriod', 'reportedCostsPerBtc'], ['btcSoldInPeriod']);
  return {
    btcProducedInPeriod: readFigure('production.btcProducedInPeriod', object['btcProducedInPeriod']),
    ...(Object.hasOwn(object, 'btcSoldInPeriod') && { btcSoldInPeriod: readFigure('production.btcSoldInPeriod', object['btcSoldInPeriod']) }),
    reportedCostsPerBtc: readArray('production.reportedCostsPerBtc', object['reportedCostsPerBtc']).map((cost, index) =>
      readReportedCost(join('production.reportedCostsPerBtc', index), cost),
    ),
  };
}

function readOpex(value: unknown): OpexSection {
  const keys = ['powerCostUsdInPeriod', 'otherDirectCostUsdInPeriod', 'sgaExSbcUsdInPeriod', 'interestExpenseUsdInPeriod', 'depreciationUsdInPeriod', 'sbcUsdInPeriod'] as const;
  const object = readObject('opex', value, keys, ['costOfRevenueUsdInPeriod', 'sgaUsdInPeriod']);
  return {
    ...(Object.hasOwn(object, 'costOfRevenueUsdInPeriod') && { costOfRevenueUsdInPeriod: readFigure('opex.costOfRevenueUsdInPeriod', object['costOfRevenueUsdInPeriod']) }),
    ...(Object.hasOwn(object, 'sgaUsdInPeriod') && { sgaUsdInPeriod: readFigure('opex.sgaUsdInPeriod', object['sgaUsdInPeriod']) }),
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
  const object = readObject('balanceSheet', value, ['btcHeld', 'cashUsd', 'totalDebtUsd', 'convertibleNotesUsd', 'sharesOutstanding'], ['preferredEquityUsd', 'restrictedCashUsd', 'btcPledgedOrLoaned']);
  const sheet: BalanceSheetSection = {
    btcHeld: readFigure('balanceSheet.btcHeld', object['btcHeld']),
    cashUsd: readFigure('balanceSheet.cashUsd', object['cashUsd']),
    totalDebtUsd: readFigure('balanceSheet.totalDebtUsd', object['totalDebtUsd']),
    convertibleNotesUsd: readFigure('balanceSheet.convertibleNotesUsd', object['convertibleNotesUsd']),
    sharesOutstanding: readFigure('balanceSheet.sharesOutstanding', object['sharesOutstanding'], { integer: true }),
    ...(Object.hasOwn(object, 'restrictedCashUsd') && { restrictedCashUsd: readFigure('balanceSheet.restrictedCashUsd', object['restrictedCashUsd']) }),
    ...(Object.hasOwn(object, 'btcPledgedOrLoaned') && { btcPledgedOrLoaned: readFigure('balanceSheet.btcPledgedOrLoaned', object['btcPledgedOrLoaned']) }),
  };
  return Object.hasOwn(object, 'preferredEquityUsd')
    ? { ...sheet, preferredEquityUsd: readFigure('balanceSheet.preferredEquityUsd', object['preferredEquityUsd']) }
    : sheet;
}
