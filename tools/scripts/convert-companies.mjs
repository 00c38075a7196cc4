#!/usr/bin/env node
// Regenerates data/companies/<ticker>.json (company profile format v1, schemas/company-profile.schema.json)
// from the shared snapshot of 12 listed miners. Run after the shared file changes:
//   node tools/scripts/convert-companies.mjs [path/to/companies.json]
//   node tools/scripts/convert-companies.mjs --check [path/to/companies.json]   (exit 1 if data/companies is stale)
// Default input: ../shared/data/companies.json next to the repository (its README.md §4 is the provenance).
// Every profile is validated against the JSON Schema before it is written; nothing is written if one fails.
//
// What the conversion does, and nothing more:
//  * renames fields to the profile format and converts units ($/MWh → $/kWh);
//  * keeps every value, date, source, source quality and note as published; a null stays null;
//  * files the company's single hashrate under installed or operating hashrate as its note says (HASHRATE_BASIS);
//  * adds the few figures that the shared file states only inside a note or a cited page (EXTRAS): each carries
//    that source, and derived ones say "derived:" in their note;
//  * classifies HPC contracts (PHASES, CLOUD_SERVICE) from their status text.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ARGS = process.argv.slice(2);
const CHECK = ARGS.includes('--check');
const INPUT = resolve(ARGS.find((arg) => arg !== '--check') ?? resolve(ROOT, '..', 'shared', 'data', 'companies.json'));
const OUTPUT_DIR = resolve(ROOT, 'data', 'companies');
const SCHEMA = JSON.parse(readFileSync(resolve(ROOT, 'schemas', 'company-profile.schema.json'), 'utf8'));
const CONVERTED_FROM = 'shared/data/companies.json (see data/companies/README.md)';

/** The shared file's single hashrate field is "as the company defines it"; its note says which. Default: installed. */
const HASHRATE_BASIS = {
  HIVE: 'operating', // "Operating hashrate at period end"
};

/** What each average power price includes (shared/data/README.md §4 "Power cost definitions differ"). */
const POWER_PRICE_BASIS = {
  RIOT: 'all-in-net-of-credits', // "All-in power cost … net of power and demand-response credits"
  MARA: 'owned-sites', // "Cost per kWh: $0.04 for Q3 2025 (owned sites)"
};

/** HPC contract phase at the profile date, from the status text. Default: contracted (signed, not yet delivering). */
const PHASES = {
  'WULF:Core42': 'ramping', // "operating/ramping 2025-2026"
  'CORZ:CoreWeave': 'ramping', // "~250 MW planned online by end-2025"; Q3 2025 colocation revenue $15.0M
};

/** GPU cloud service contracts: no $/kW-month (shared/data/README.md §4). */
const CLOUD_SERVICE = new Set(['IREN:Microsoft']);

const STOCKTITAN_RIOT_10Q = 'https://www.stocktitan.net/sec-filings/RIOT/10-q-riot-platforms-inc-quarterly-earnings-report-80dcf961df3b.html';

/**
 * Figures the shared file gives only in a note or on a page it cites. Paths are in the profile format.
 * For HPC contracts: `hpcContracts[<counterparty prefix>].<field>`.
 */
const EXTRAS = {
  RIOT: {
    'fleet.operatingHashrateEhs': {
      value: 32.2, asOf: '2025-09', source: 'https://ng.investing.com/news/company-news/riot-produces-445-bitcoin-in-september-down-7-from-august-93CH-2131965', sourceQuality: 'secondary',
      note: 'Average operating hash rate in September 2025 (note of operational_hashrate_ehs in the shared file); month-end deployed hash rate was 36.5 EH/s.',
    },
    'power.creditsUsdInPeriod': {
      value: 30_600_000, asOf: '2025-Q3', source: STOCKTITAN_RIOT_10Q, sourceQuality: 'secondary',
      note: '"$30.6 million of power curtailment credits" (10-Q summary). The average power price is already net of credits, so the model does not subtract them again.',
    },
    'opex.depreciationUsdInPeriod': {
      value: 82_900_000, asOf: '2025-Q3', source: STOCKTITAN_RIOT_10Q, sourceQuality: 'secondary',
      note: '"$82.9 million of depreciation" (10-Q summary), company-wide.',
    },
    'production.reportedCostsPerBtc': [{
      definition: 'direct', value: 46_324, asOf: '2025-Q3', source: 'https://coinalertnews.com/news/2025/10/31/d54f6da7484676412d402b8d040f325e', sourceQuality: 'secondary',
      note: 'Riot "average cost to mine one bitcoin, excluding depreciation" (Cost to Mine: power + other direct costs − power curtailment credits), Q3 2025.',
    }],
    'hpcContracts[AMD].noiMarginRatio': {
      value: 0.804, asOf: '2026-01', source: 'https://www.stocktitan.net/news/RIOT/riot-announces-fee-simple-acquisition-of-land-and-first-data-center-lifxve642vej.html', sourceQuality: 'secondary',
      note: 'derived: "expected average NOI ~$25M/yr" ÷ average revenue $31.1M/yr ($311M / 10 years) = 0.804.',
    },
    'hpcContracts[AMD].remainingBuildCapexUsd': {
      value: 89_800_000, asOf: '2026-01', source: 'https://www.stocktitan.net/news/RIOT/riot-announces-fee-simple-acquisition-of-land-and-first-data-center-lifxve642vej.html', sourceQuality: 'secondary',
      note: '"Retrofit capex $89.8M" for the AMD lease (contract note); all of it after the profile date.',
    },
  },
  MARA: {
    'production.reportedCostsPerBtc': (company) => [{
      definition: 'power', value: 39_235, asOf: '2025-Q3', source: company.avg_power_cost_usd_per_mwh.source, sourceQuality: company.avg_power_cost_usd_per_mwh.source_quality,
      note: '"Purchased energy cost per BTC $39,235 (owned sites)" (note of avg_power_cost_usd_per_mwh in the shared file).',
    }],
  },
  CLSK: {
    'production.reportedCostsPerBtc': [{
      definition: 'power', value: 42_956, asOf: 'FY2025', source: 'https://thebitcoinpulse.blogspot.com/2025_11_25_archive.html', sourceQuality: 'secondary',
      note: 'FY2025 (Oct 2024–Sep 2025) "energy cost per bitcoin" at owned facilities.',
    }],
  },
  CIFR: {
    'production.reportedCostsPerBtc': [{
      definition: 'power', value: 34_189, asOf: '2025-Q3', source: 'https://reportify.ai/news/1183291974095212544', sourceQuality: 'secondary',
      note: 'Cipher "all-in electricity cost per Bitcoin" (a power-cost definition, DOMAIN.md 4.1), Q3 2025.',
    }],
    'hpcContracts[Amazon Web Services].rentStartDate': {
      value: '2026-08-01', asOf: '2025-11', source: 'https://fintool.com/app/research/companies/CIFR/earnings/Q3%202025', sourceQuality: 'secondary',
      note: 'Status "delivery from Jul 2026, rent from Aug 2026": first day of August 2026.',
    },
  },
  WULF: {
    'power.creditsUsdInPeriod': {
      value: 7_400_000, asOf: '2025-Q3', source: 'https://reportify.cn/transcripts/1185498537681620992', sourceQuality: 'secondary',
      note: 'Demand-response proceeds in Q3 2025 (note of avg_power_cost_usd_per_mwh); whether the $0.047/kWh power price is net of them is not stated.',
    },
    'hpcContracts[Fluidstack (Google backstop)].noiMarginRatio': {
      value: 0.85, asOf: '2025-08', source: 'TeraWulf, as quoted in hashdesk shared/DOMAIN.md §4.4 ("TeraWulf: 85 % → ~$315 M/yr"); the original release is not stored', sourceQuality: 'secondary',
      note: 'Site NOI margin of the Fluidstack lease.',
    },
  },
  HUT: {
    'hpcContracts[Fluidstack].annualEscalatorRatio': {
      value: 0.03, asOf: '2025-12', source: 'cryptocapitalnews.com/?p=42', sourceQuality: 'secondary',
      note: '"3% annual escalator" (contract note in the shared file).',
    },
    'hpcContracts[Fluidstack].noiMarginRatio': {
      value: 0.986, asOf: '2025-12', source: 'https://dcpulse.com/news/hut-fluidstack-ai-data-center-deal-river-bend', sourceQuality: 'secondary',
      note: 'derived: "expected NOI ~$6.9B over the base term" ÷ $7.0B base-term value = 0.986 (triple-net lease). The same note also quotes "~$454M/yr", which does not match $6.9B / 15 years = $460M/yr.',
    },
  },
  BITF: {
    'production.reportedCostsPerBtc': [{
      definition: 'cash', value: 82_400, asOf: '2025-Q3', source: 'https://www.beyondspx.com/quote/BITF/news/bitfarms-reports-q3-2025-loss-misses-revenue-estimates-amid-shift-to-hpcai', sourceQuality: 'secondary',
      note: 'Bitfarms "total cash cost per BTC", Q3 2025.',
    }],
  },
  CORZ: {
    hosting: (company) => ({
      hostedHashrateEhs: {
        value: 2.2, asOf: '2025-09-30', source: company.operational_hashrate_ehs.source, sourceQuality: company.operational_hashrate_ehs.source_quality,
        note: 'Hosted-mining hashrate (note of operational_hashrate_ehs in the shared file).',
      },
      revenueUsdInPeriod: { value: null, asOf: null, source: null, note: 'Hosting revenue for Q3 2025 not found.' },
      costUsdInPeriod: { value: null, asOf: null, source: null, note: 'Hosting cost for Q3 2025 not found.' },
    }),
  },
};

// ── helpers ───────────────────────────────────────────────────────────────────────────────────────
const AS_OF = /^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-Q[1-4])?|FY\d{4})$/;

/** "2025-Q3 (Jul-Sep)" → { asOf: "2025-Q3", extra: "Jul-Sep" }. */
function normalizeAsOf(date) {
  if (date === null || date === undefined) return { asOf: null, extra: null };
  if (AS_OF.test(date)) return { asOf: date, extra: null };
  const match = /^(\S+)\s*\((.+)\)$/.exec(date);
  if (match && AS_OF.test(match[1])) return { asOf: match[1], extra: match[2] };
  throw new Error(`cannot normalise date '${date}'`);
}

function joinNotes(...parts) {
  const text = parts.filter((part) => part !== null && part !== undefined && String(part).trim() !== '').join(' ');
  return text === '' ? null : text;
}

/** A shared-file metric → a profile figure; `scale` converts units, `unitNote` says how. */
function figure(metric, { scale = 1, unitNote = null } = {}) {
  if (metric === undefined) throw new Error('metric missing in the shared file');
  const { asOf, extra } = normalizeAsOf(metric.date);
  const value = metric.value === null ? null : round(metric.value * scale);
  const out = { value, asOf, source: metric.source ?? null, sourceQuality: metric.source_quality ?? null };
  const note = joinNotes(metric.value === null ? null : unitNote, extra ? `Period: ${extra}.` : null, metric.note);
  if (note !== null) out.note = note;
  if (value !== null && metric.date === null) out.note = joinNotes(out.note, 'The source gives no date for this figure.');
  return out;
}

const round = (x) => Math.round(x * 1e9) / 1e9;
const unknown = (note) => (note ? { value: null, asOf: null, source: null, note } : { value: null, asOf: null, source: null });

/** Quarter (3 calendar months) ending on `endDate` → its first day. */
function quarterStart(endDate) {
  const [y, m] = endDate.split('-').map(Number);
  const startMonth = m - 2;
  const year = startMonth <= 0 ? y - 1 : y;
  const month = startMonth <= 0 ? startMonth + 12 : startMonth;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

function hpcContract(ticker, raw) {
  const matches = (key) => key.startsWith(`${ticker}:`) && raw.counterparty.startsWith(key.slice(ticker.length + 1));
  const phaseKey = Object.keys(PHASES).find(matches);
  const key = `${ticker}:${raw.counterparty}`;
  const provenance = { asOf: raw.announced ? raw.announced.slice(0, 7) : null, source: raw.source, sourceQuality: raw.source_quality };
  const cloud = [...CLOUD_SERVICE].some(matches);
  const derivedRate = raw.usd_per_kw_month_derived;
  if (derivedRate !== null && raw.contract_value_usd !== null) {
    const recomputed = raw.contract_value_usd / (raw.term_years * 12 * raw.capacity_mw * 1000);
    if (Math.abs(recomputed - derivedRate) > 0.006) throw new Error(`${key}: usd_per_kw_month_derived ${derivedRate} ≠ recomputed ${recomputed}`);
  }
  const num = (value, note) => (value === null ? unknown(note) : { ...provenance, value, ...(note && { note }) });
  const contract = {
    counterparty: raw.counterparty,
    contractType: cloud ? 'cloud-service' : 'colocation-lease',
    phase: phaseKey ? PHASES[phaseKey] : 'contracted',
    status: raw.status,
    announced: raw.announced,
    criticalItMw: num(raw.capacity_mw),
    capacityBasis: raw.capacity_basis,
    termYears: num(raw.term_years, raw.term_years === null ? 'Term not found.' : null),
    contractValueUsd: num(raw.contract_value_usd, raw.contract_value_usd === null ? 'Contract value not found.' : null),
    usdPerKwMonth: derivedRate === null
      ? unknown(cloud ? 'Not a capacity lease (GPU cloud service): $/kW-month not comparable.' : 'Not derivable: contract value or term unknown.')
      : { ...provenance, value: derivedRate, note: 'derived: TCV / (term_years · 12 · MW · 1000), an average over the term (escalators make year-1 rent lower).' },
    noiMarginRatio: unknown('Not stated.'),
    annualEscalatorRatio: unknown('Not stated.'),
    rentStartDate: unknown('Not stated.'),
    remainingBuildCapexUsd: unknown('Not stated.'),
    source: raw.source,
    sourceQuality: raw.source_quality,
  };
  if (raw.note) contract.note = raw.note;
  return contract;
}

/** Extras may be values or functions of the shared-file record (to reuse a source cited there). */
function applyExtras(profile, extras, company) {
  for (const [path, raw] of Object.entries(extras ?? {})) {
    const value = typeof raw === 'function' ? raw(company) : raw;
    if (path === 'hosting') {
      profile.hosting = value;
      continue;
    }
    const contractMatch = /^hpcContracts\[(.+)\]\.(\w+)$/.exec(path);
    if (contractMatch) {
      const contract = profile.hpcContracts.find((c) => c.counterparty.startsWith(contractMatch[1]));
      if (!contract) throw new Error(`${profile.ticker}: no HPC contract starting with '${contractMatch[1]}'`);
      contract[contractMatch[2]] = value;
      continue;
    }
    const [section, field] = path.split('.');
    if (!(field in profile[section])) throw new Error(`${profile.ticker}: unknown field ${path}`);
    profile[section][field] = value;
  }
}

function convert(company) {
  const ticker = company.ticker;
  const hashrate = figure(company.operational_hashrate_ehs);
  const basis = HASHRATE_BASIS[ticker] ?? 'installed';
  const hashrateNote = (name) => unknown(`Not reported separately; the company's ${name} figure is under fleet.${basis}HashrateEhs.`);
  const profile = {
    schemaVersion: 1,
    ticker,
    name: company.name,
    period: { label: company.period, startDate: quarterStart(company.as_of), endDate: company.as_of },
    asOf: company.as_of,
    fleet: {
      installedHashrateEhs: basis === 'installed' ? hashrate : hashrateNote('installed'),
      operatingHashrateEhs: basis === 'operating' ? hashrate : hashrateNote('operating'),
      efficiencyJth: figure(company.fleet_efficiency_jth),
      powerCapacityMw: figure(company.power_capacity_mw),
    },
    power: {
      averagePriceUsdPerKwh: figure(company.avg_power_cost_usd_per_mwh, {
        scale: 1 / 1000,
        unitNote: company.avg_power_cost_usd_per_mwh.value === null ? null : `Converted from $${company.avg_power_cost_usd_per_mwh.value}/MWh.`,
      }),
      priceBasis: POWER_PRICE_BASIS[ticker] ?? 'unknown',
      creditsUsdInPeriod: unknown('Not found in the shared snapshot.'),
      curtailmentRatio: unknown('Not found in the shared snapshot.'),
      contracts: [],
    },
    production: {
      btcProducedInPeriod: figure(company.btc_produced_quarter),
      reportedCostsPerBtc: [],
    },
    opex: {
      powerCostUsdInPeriod: unknown('Not found in the shared snapshot.'),
      otherDirectCostUsdInPeriod: unknown('Not found in the shared snapshot.'),
      sgaExSbcUsdInPeriod: unknown('Not found in the shared snapshot.'),
      interestExpenseUsdInPeriod: unknown('Not found in the shared snapshot.'),
      depreciationUsdInPeriod: unknown('Not found in the shared snapshot.'),
      sbcUsdInPeriod: unknown('Not found in the shared snapshot.'),
    },
    hpcContracts: (company.hpc_contracts ?? []).map((raw) => hpcContract(ticker, raw)),
    balanceSheet: {
      btcHeld: figure(company.btc_held),
      cashUsd: figure(company.cash_usd),
      totalDebtUsd: figure(company.total_debt_usd),
      convertibleNotesUsd: figure(company.convertible_notes),
      sharesOutstanding: figure(company.shares_outstanding),
    },
    notes: joinNotes(company.notes, `Converted from ${CONVERTED_FROM} by tools/scripts/convert-companies.mjs.`),
  };
  applyExtras(profile, EXTRAS[ticker], company);
  // key order as in the format: hosting (if any) before hpcContracts
  const { hosting, ...rest } = profile;
  if (!hosting) return rest;
  const ordered = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'hpcContracts') ordered.hosting = hosting;
    ordered[key] = value;
  }
  return ordered;
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────────
const shared = JSON.parse(readFileSync(INPUT, 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);

const profiles = shared.companies.map(convert);
const failures = profiles.flatMap((profile) =>
  validate(profile) ? [] : [`${profile.ticker}: ${ajv.errorsText(validate.errors, { separator: '\n  ' })}`],
);
if (failures.length > 0) {
  process.stderr.write(`schema validation failed, nothing written:\n${failures.join('\n')}\n`);
  process.exit(1);
}
const unusedExtras = Object.keys(EXTRAS).filter((ticker) => !profiles.some((p) => p.ticker === ticker));
if (unusedExtras.length > 0) throw new Error(`EXTRAS for unknown tickers: ${unusedExtras.join(', ')}`);

const rendered = new Map(profiles.map((profile) => [`${profile.ticker.toLowerCase()}.json`, `${JSON.stringify(profile, null, 2)}\n`]));
if (CHECK) {
  const existing = readdirSync(OUTPUT_DIR).filter((file) => file.endsWith('.json'));
  const stale = [...rendered].filter(([file, text]) => !existing.includes(file) || readFileSync(join(OUTPUT_DIR, file), 'utf8') !== text).map(([file]) => file);
  const extra = existing.filter((file) => !rendered.has(file));
  if (stale.length > 0 || extra.length > 0) {
    process.stderr.write(`data/companies is stale: ${[...stale, ...extra.map((f) => `${f} (not generated)`)].join(', ')}; run node tools/scripts/convert-companies.mjs\n`);
    process.exit(1);
  }
  process.stdout.write(`data/companies is up to date (${rendered.size} profiles)\n`);
  process.exit(0);
}

mkdirSync(OUTPUT_DIR, { recursive: true });
for (const file of readdirSync(OUTPUT_DIR)) if (file.endsWith('.json')) rmSync(join(OUTPUT_DIR, file));
for (const [file, text] of rendered) writeFileSync(join(OUTPUT_DIR, file), text);
process.stdout.write(`wrote ${profiles.length} profiles to ${relative(process.cwd(), OUTPUT_DIR)} from ${relative(process.cwd(), INPUT)}\n`);
