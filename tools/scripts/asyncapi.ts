// Prints the AsyncAPI 3.0 document of every topic (derived from the topic registry and the protobuf
// descriptors): node -r ./scripts/register.js tools/scripts/asyncapi.ts [--write]
// --write replaces docs/asyncapi.yaml; a unit test fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ASYNCAPI_PATH, asyncApiYaml, ROOT } from './asyncapi.util';

const yaml = asyncApiYaml();
if (process.argv.includes('--write')) {
  writeFileSync(ASYNCAPI_PATH, yaml);
  process.stdout.write(`asyncapi: wrote ${relative(ROOT, ASYNCAPI_PATH)}\n`);
} else {
  process.stdout.write(yaml);
}
