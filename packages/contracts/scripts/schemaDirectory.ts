import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/contracts/schemas: the recorded JSON Schemas, committed and shipped. */
export const schemaDirectory = fileURLToPath(new URL('../schemas/', import.meta.url));

/** Every recorded schema file, by name. */
export const readRecordedSchemas = (directory = schemaDirectory): Map<string, string> =>
  new Map(
    readdirSync(directory)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => [name, readFileSync(join(directory, name), 'utf8')]),
  );
