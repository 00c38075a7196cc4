// The researched company histories (data/companies/history/*.json): every figure has a source, a
// publication date and an excerpt that states its number; every version built from them is a valid
// profile under the published JSON Schema. Test code may read files; the library never does.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parseCompanyProfile } from '../parse-company-profile';
import { buildProfileVersions } from './build-profile-versions';
import { checkCompanyHistory } from './check-company-history';
import type { CompanyHistory } from './company-history';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');
const HISTORY_DIR = join(ROOT, 'data', 'companies', 'history');
const files = readdirSync(HISTORY_DIR).filter((f) => f.endsWith('.json')).sort();
const load = (file: string): CompanyHistory => JSON.parse(readFileSync(join(HISTORY_DIR, file), 'utf8')) as CompanyHistory;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'company-profile.schema.json'), 'utf8')));

describe('company histories (data/companies/history)', () => {
  it('given the tracked universe, when listed, then at least 18 companies have a history', () => {
    expect(files.length).toBeGreaterThanOrEqual(18);
  });

  it.each(files)('given %s, when its provenance is checked, then every figure is sourced, dated and stated in its excerpt', (file) => {
    expect(checkCompanyHistory(load(file))).toEqual([]);
  });

  it.each(files)('given %s, when built into versions, then each is a valid profile of the file ticker, in known-at order', (file) => {
    const history = load(file);
    const versions = buildProfileVersions(history);
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) {
      validate(version.profile);
      expect(validate.errors ?? []).toEqual([]);
      expect(parseCompanyProfile(version.profile).ticker).toBe(history.ticker);
    }
    const knownAts = versions.map((v) => v.knownAt);
    expect([...knownAts].sort()).toEqual(knownAts);
  });
});
