// The shipped profiles (data/companies) against the published JSON Schema (schemas/company-profile.schema.json)
// and against parseCompanyProfile. Test code may read files; the library never does.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { EconomicsInputError } from '../shared/economics-input.error';
import { parseCompanyProfile } from './parse-company-profile';
import { lease, syntheticProfile } from './company-profile.testing';

const ROOT = join(__dirname, '..', '..', '..', '..');
const DATA_DIR = join(ROOT, 'data', 'companies');
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'company-profile.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

const files = readdirSync(DATA_DIR).filter((file) => file.endsWith('.json')).sort();
const load = (file: string): unknown => JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8'));

function parses(json: unknown): boolean {
  try {
    parseCompanyProfile(json);
    return true;
  } catch (error) {
    if (error instanceof EconomicsInputError) return false;
    throw error;
  }
}

describe('shipped company profiles (data/companies)', () => {
  it('given the shared snapshot of 12 miners, when listed, then there is one profile per company (data/reference/README.md §4)', () => {
    expect(files).toEqual(['bitf', 'btdr', 'cifr', 'clsk', 'corz', 'gree', 'hive', 'hut', 'iren', 'mara', 'riot', 'wulf'].map((t) => `${t}.json`));
  });

  it.each(files)('given %s, when validated with ajv against the JSON Schema, then it is valid', (file) => {
    const valid = validate(load(file));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(files)('given %s, when parsed by parseCompanyProfile, then it is accepted and keeps its ticker', (file) => {
    const profile = parseCompanyProfile(load(file));
    expect(profile.ticker.toLowerCase()).toBe(file.replace('.json', ''));
    expect(profile.schemaVersion).toBe(1);
  });

  it('given the RIOT profile, when read, then the published figures are kept with their sources (companies.json)', () => {
    const riot = parseCompanyProfile(load('riot.json'));
    expect(riot.fleet.installedHashrateEhs.value).toBe(36.5);
    expect(riot.fleet.operatingHashrateEhs.value).toBe(32.2);
    expect(riot.power.averagePriceUsdPerKwh.value).toBeCloseTo(0.042, 12); // 4.2 c/kWh = $42/MWh
    expect(riot.power.priceBasis).toBe('all-in-net-of-credits');
    expect(riot.balanceSheet.sharesOutstanding.value).toBe(371_807_186);
    expect(riot.balanceSheet.totalDebtUsd.value).toBeNull(); // not found: stays unknown, never 0
    expect(riot.production.reportedCostsPerBtc).toEqual([expect.objectContaining({ definition: 'direct', value: 46_324 })]);
    expect(riot.balanceSheet.btcHeld.source).toMatch(/^https:\/\/www\.stocktitan\.net\//);
  });

  it('given every shipped figure, when its value is known, then it names a source', () => {
    const figures: Array<[string, { value: unknown; source: unknown }]> = [];
    const walk = (path: string, node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      if ('value' in node && 'source' in node) figures.push([path, node as { value: unknown; source: unknown }]);
      for (const [key, child] of Object.entries(node)) walk(`${path}.${key}`, child);
    };
    files.forEach((file) => walk(file, load(file)));
    expect(figures.length).toBeGreaterThan(200);
    expect(figures.filter(([, f]) => f.value !== null && (typeof f.source !== 'string' || f.source === '')).map(([p]) => p)).toEqual([]);
  });
});

describe('parseCompanyProfile and the JSON Schema agree on broken profiles', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mutating untyped JSON on purpose
type Json = any;
const base = JSON.parse(JSON.stringify(syntheticProfile())) as Json;
  const broken: Array<[string, (p: Json) => void, string]> = [
    ['schemaVersion 2', (p) => (p.schemaVersion = 2), 'schemaVersion'],
    ['missing fleet', (p) => delete p.fleet, 'fleet'],
    ['unknown top-level property', (p) => (p.fleets = {}), 'fleets'],
    ['negative hashrate', (p) => (p.fleet.installedHashrateEhs.value = -1), 'fleet.installedHashrateEhs.value'],
    ['hashrate as a string', (p) => (p.fleet.installedHashrateEhs.value = '36.5'), 'fleet.installedHashrateEhs.value'],
    ['value without a source', (p) => (p.fleet.efficiencyJth.source = null), 'fleet.efficiencyJth.source'],
    ['zero efficiency', (p) => (p.fleet.efficiencyJth.value = 0), 'fleet.efficiencyJth.value'],
    ['curtailment as a percent', (p) => (p.power.curtailmentRatio = { value: 12, asOf: '2025-Q3', source: 's' }), 'power.curtailmentRatio.value'],
    ['unknown price basis', (p) => (p.power.priceBasis = 'net'), 'power.priceBasis'],
    ['bad asOf', (p) => (p.fleet.efficiencyJth.asOf = '30/09/2025'), 'fleet.efficiencyJth.asOf'],
    ['fractional share count', (p) => (p.balanceSheet.sharesOutstanding.value = 1.5), 'balanceSheet.sharesOutstanding.value'],
    ['misspelt figure key', (p) => (p.balanceSheet.cashUsd.sorce = 'x'), 'balanceSheet.cashUsd.sorce'],
    ['reported cost without definition', (p) => p.production.reportedCostsPerBtc.push({ value: 1, asOf: '2025-Q3', source: 's' }), 'production.reportedCostsPerBtc[0].definition'],
    ['invalid period date', (p) => (p.period.startDate = '2025-13-01'), 'period.startDate'],
    ['lower-case ticker', (p) => (p.ticker = 'riot'), 'ticker'],
  ];

  it('given the synthetic profile, when validated both ways, then both accept it', () => {
    expect(validate(base)).toBe(true);
    expect(parses(base)).toBe(true);
  });

  it.each(broken.map(([name, mutate, field]) => ({ name, mutate, field })))('given a profile with $name, when validated, then ajv and parseCompanyProfile both reject it and the parser names $field', ({ mutate, field }) => {
    const profile = JSON.parse(JSON.stringify(base));
    mutate(profile);
    expect(validate(profile)).toBe(false);
    expect(() => parseCompanyProfile(profile)).toThrow(expect.objectContaining({ field }));
  });

  it('given an HPC contract with an unknown phase, when validated, then both reject it and the parser names hpcContracts[0].phase', () => {
    const profile = JSON.parse(JSON.stringify(syntheticProfile({ hpcContracts: [lease()] })));
    expect(validate(profile)).toBe(true);
    profile.hpcContracts[0].phase = 'paused';
    expect(validate(profile)).toBe(false);
    expect(() => parseCompanyProfile(profile)).toThrow(expect.objectContaining({ field: 'hpcContracts[0].phase' }));
  });

  it('given a figure object where an HPC contract is expected, when parsed, then the error names the first missing contract field', () => {
    const profile = JSON.parse(JSON.stringify(base));
    profile.hpcContracts.push({ value: 1, asOf: null, source: 's' });
    expect(validate(profile)).toBe(false);
    expect(() => parseCompanyProfile(profile)).toThrow(expect.objectContaining({ field: 'hpcContracts[0].counterparty' }));
  });
});
