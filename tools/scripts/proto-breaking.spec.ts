import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'proto-breaking.sh');
const MARKET = join('proto', 'hashdesk', 'v1', 'market.proto');

/** A throw-away git repository holding this repo's buf.yaml and proto/ committed on main. */
function workspace(): { dir: string; git: (...args: string[]) => void; edit: (from: string, to: string) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'proto-breaking-'));
  cpSync(join(ROOT, 'buf.yaml'), join(dir, 'buf.yaml'));
  cpSync(join(ROOT, 'proto'), join(dir, 'proto'), { recursive: true });
  const git = (...args: string[]) => void execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  const edit = (from: string, to: string) => {
    const text = readFileSync(join(dir, MARKET), 'utf8');
    if (!text.includes(from)) throw new Error(`${MARKET} no longer has "${from}": update this test`);
    writeFileSync(join(dir, MARKET), text.replace(from, to));
  };
  return { dir, git, edit };
}

const check = (dir: string) => spawnSync('bash', [SCRIPT, dir], { encoding: 'utf8' });

describe('scripts/proto-breaking.sh: buf breaking against main', () => {
  it('given a branch that changed a field\'s type in a commit, when checked, then it fails naming the field', () => {
    const w = workspace();
    try {
      w.git('checkout', '-q', '-b', 'feature');
      w.edit('double price_usd = 5;', 'string price_usd = 5;');
      w.git('commit', '-q', '-am', 'break');
      const result = check(w.dir);
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toMatch(/price_usd.*type/);
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('given an uncommitted new field on main, when checked, then it passes: adding is compatible', () => {
    const w = workspace();
    try {
      w.edit('double price_usd = 5;', 'double price_usd = 5;\n  string added_note = 99;');
      const result = check(w.dir);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/no breaking change against main/);
    } finally {
      rmSync(w.dir, { recursive: true, force: true });
    }
  }, 30_000);
});
