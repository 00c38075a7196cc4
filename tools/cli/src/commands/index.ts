/**
 * The command registry of the `hashdesk` CLI.
 *
 * Adding a command (e.g. `company`):
 *   1. Create `commands/company.command.ts` exporting `const companyCommand: CliCommand`
 *      (interface in `../cli-command.interface.ts`):
 *        - `name`, `summary` (one line for `hashdesk --help`), `usage` (flags after the name),
 *        - `flags`: `{ 'flag-name': { type: 'string', description: '... (unit)', placeholder: '<USD>' } }`;
 *          `--json` and `--help` are added by the runner, don't declare them,
 *        - `run(flags)`: read flags with `numberFlag` / `optionalNumberFlag` / `stringFlag` / `oneOfFlags`
 *          from `../cli-flags.util` (they throw `CliUsageError` → `--flag: rule` on stderr, exit 2),
 *          call `@hashdesk/economics`, return `{ json, text }`; `json` is the one object `--json`
 *          prints (public interface: keep field names stable), `text` the table (build it with
 *          `renderKeyValueTable` / `renderGrid` from `../cli-output.util`; omit it to print `json` as a table),
 *        - `flagForField` (optional): maps an `EconomicsInputError.field` to the flag the user typed
 *          when it is not simply the kebab-case of the field (`{ feeShareOfReward: 'fee-share' }`).
 *      Shared flag groups (difficulty, height|subsidy, fees, price) are in `../cli-network-flags.util.ts`.
 *   2. Add ONE line to the array below, keeping it alphabetical within its group.
 *   3. Test it by spawning `node tools/cli/bin/hashdesk.js <name> ... --json` (see `*.command.spec.ts`);
 *      the bin script rebuilds the bundle when a source changed.
 *
 * The runner (`../cli.runner.ts`) owns parsing, `--help`, `--json`, error mapping and exit codes.
 */
import type { CliCommand } from '../cli-command.interface';
import { machineCommand } from './machine.command';
import { networkCommand } from './network.command';
import { retargetCommand } from './retarget.command';
import { subsidyCommand } from './subsidy.command';
import { companyCommand } from './company.command';
import { gridCommand } from './grid.command';
import { scenarioCommand } from './scenario.command';
import { profileCommand } from './profile.command';
import { backtestCommand } from './backtest.command';
import { queryCommand } from './query.command';

export const COMMANDS: readonly CliCommand[] = [
  // network and machines
  subsidyCommand,
  networkCommand,
  retargetCommand,
  machineCommand,
  // companies, valuation and scenarios (added by their owners)
  profileCommand,
  companyCommand,
  backtestCommand,
  scenarioCommand,
  gridCommand,
  // a running deployment
  queryCommand,
];
