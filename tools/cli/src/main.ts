// Entry of the bundled CLI (tools/cli/dist/hashdesk.js, built by tools/cli/scripts/build-cli.js).
import { runCli } from './cli.runner';
import { COMMANDS } from './commands';

void runCli(process.argv.slice(2), COMMANDS, {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
}).then((code) => {
  process.exitCode = code;
});
