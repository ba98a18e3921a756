import type { AnyDefinition } from '@causeway/kernel';
import { findBreakingChanges } from './compatibility.js';
import { type JsonSchema, messageJsonSchema } from './messageJsonSchema.js';

export interface SchemaFile {
  /** `<TYPE>.v<schemaVersion>.json` */
  name: string;
  content: string;
}

export interface SchemaFilePlan {
  /** New files, and recorded ones whose current schema changed compatibly. */
  writes: SchemaFile[];
  /** Why the recorded files cannot be brought up to date; nothing may be written then. */
  problems: string[];
}

const fileName = /^([A-Z][A-Z0-9_]*)\.v([1-9]\d*)\.json$/;

export const schemaFileName = (type: string, schemaVersion: number): string =>
  `${type}.v${schemaVersion}.json`;

export const renderSchemaFile = (definition: AnyDefinition): SchemaFile => ({
  name: schemaFileName(definition.type, definition.schemaVersion),
  content: `${JSON.stringify(messageJsonSchema(definition), null, 2)}\n`,
});

/**
 * Compares the recorded schema files (name -> content) with the definitions. A recorded file is
 * a published contract: it may only change compatibly (see `findBreakingChanges`) and is never
 * dropped. An incompatible change must come as the next schemaVersion, with an upcaster, in a
 * file of its own; the older file stays as the record of what is stored.
 */
export const planSchemaFiles = (
  definitions: readonly AnyDefinition[],
  recorded: ReadonlyMap<string, string>,
): SchemaFilePlan => {
  const writes: SchemaFile[] = [];
  const problems: string[] = [];
  const current = new Map(definitions.map((d) => [d.type, d.schemaVersion]));

  for (const definition of definitions) {
    const file = renderSchemaFile(definition);
    const before = recorded.get(file.name);
    if (before === file.content) continue;
    const breaks =
      before === undefined
        ? []
        : findBreakingChanges(JSON.parse(before) as JsonSchema, JSON.parse(file.content) as JsonSchema);
    if (breaks.length === 0) {
      writes.push(file);
      continue;
    }
    const list = breaks.map((b) => `${b.path || '(root)'}: ${b.reason}`).join('; ');
    problems.push(
      `${file.name} changed incompatibly (${list}). Keep it, and define ${definition.type} as schemaVersion ${definition.schemaVersion + 1} with an upcaster from ${definition.schemaVersion}.`,
    );
  }

  for (const [type, schemaVersion] of current) {
    for (let version = 1; version < schemaVersion; version++) {
      if (!recorded.has(schemaFileName(type, version))) {
        problems.push(
          `${schemaFileName(type, version)} is missing: the schemas of earlier versions stay recorded.`,
        );
      }
    }
  }

  for (const name of recorded.keys()) {
    const match = fileName.exec(name);
    if (!match) {
      problems.push(`${name} is not named <TYPE>.v<schemaVersion>.json`);
      continue;
    }
    const [, type = '', version = ''] = match;
    const known = current.get(type);
    if (known === undefined)
      problems.push(`${name} is recorded but ${type} is no longer defined; stored events still need it.`);
    else if (Number(version) > known)
      problems.push(`${name} is recorded but ${type} is defined at schemaVersion ${known}.`);
  }

  return { writes, problems };
};
