import { runHashdesk } from './cli-spawn.testing';

describe('hashdesk runner', () => {
  it('given --help, when run, then every registered command is listed and exit is 0', () => {
    const run = runHashdesk('--help');
    expect(run.status).toBe(0);
    for (const name of ['subsidy', 'network', 'retarget', 'machine']) expect(run.stdout).toMatch(new RegExp(`^  ${name}\\s`, 'm'));
  });

  it.each(['subsidy', 'network', 'retarget', 'machine'])('given `%s --help`, when run, then its flags are described and exit is 0', (name) => {
    const run = runHashdesk(name, '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Usage: hashdesk ${name} `);
    expect(run.stdout).toContain('--json');
  });

  it('given an unknown command, when run, then exit 2, stderr names it and stdout is empty', () => {
    const run = runHashdesk('hashprize', '--json');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^hashprize: unknown command/);
  });

  it('given no command, when run, then exit 2 with the help on stderr', () => {
    const run = runHashdesk();
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: hashdesk <command>');
  });

  it('given a positional argument, when run, then exit 2 and stdout is empty', () => {
    const run = runHashdesk('subsidy', '840000');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^840000: unexpected argument/);
  });

  it('given a repeated flag, when run, then exit 2 names it', () => {
    const run = runHashdesk('subsidy', '--height', '1', '--height', '2');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^--height: given more than once/);
  });
});
