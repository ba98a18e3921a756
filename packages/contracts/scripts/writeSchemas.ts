// `pnpm --filter @causeway/contracts schemas`: brings schemas/ up to date with the definitions.
// Writes nothing when a recorded schema would change incompatibly (see planSchemaFiles).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planSchemaFiles } from '../src/jsonSchema/schemaFiles.js';
import { allCommands, allEvents } from '../src/registries.js';
import { readRecordedSchemas, schemaDirectory } from './schemaDirectory.js';

const definitions = [...allEvents.definitions, ...allCommands.definitions];
const plan = planSchemaFiles(definitions, readRecordedSchemas());

if (plan.problems.length > 0) {
  for (const problem of plan.problems) console.error(`✗ ${problem}`);
  console.error(`\nNothing written: ${plan.problems.length} problem(s).`);
  process.exit(1);
}
for (const file of plan.writes) {
  writeFileSync(join(schemaDirectory, file.name), file.content);
  console.log(`wrote schemas/${file.name}`);
}
console.log(`${definitions.length} schemas, ${plan.writes.length} written.`);
