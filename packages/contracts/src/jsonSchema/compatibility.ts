import type { JsonSchema } from './messageJsonSchema.js';

export interface BreakingChange {
  /** Where, e.g. `payload.items[].quantity`; empty for the root. */
  path: string;
  reason: string;
}

/**
 * What makes `current` unable to stand in for `recorded`, a schema already published under the
 * same type and schema version. Two kinds of reader depend on a recorded schema: the current
 * code reading events stored under it, and consumers deployed against it. So a change breaks
 * when a document valid under `recorded` may be refused by `current` (a new required field, a
 * removed enum value, a tightened bound, unknown keys newly refused), or when a field readers
 * rely on disappears or changes type. Loosening (an optional field, an added enum value, a wider
 * bound, a strict object made open) is compatible. A breaking change needs a new schema version
 * with an upcaster instead. Handles the subset of JSON Schema zod emits; pure.
 */
export const findBreakingChanges = (recorded: JsonSchema, current: JsonSchema): BreakingChange[] =>
  compare(recorded, current, '');

type Check = (recorded: JsonSchema, current: JsonSchema, path: string) => BreakingChange[];

const compare: Check = (recorded, current, path) => {
  const unions = compareUnions(recorded, current, path);
  if (unions) return unions;
  // A retyped value says it all; its bounds and fields no longer compare.
  const retyped = compareTypes(recorded, current, path);
  if (retyped.length) return retyped;
  return [compareValues, compareBounds, compareStrings, compareObjects, compareArrays].flatMap((check) =>
    check(recorded, current, path),
  );
};

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const schemaAt = (value: unknown): JsonSchema => (isSchema(value) ? value : {});
const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
const show = (value: unknown) => JSON.stringify(value);
const broken = (path: string, reason: string): BreakingChange[] => [{ path, reason }];

const branchesOf = (schema: JsonSchema): JsonSchema[] | undefined => {
  const branches = schema.anyOf ?? schema.oneOf;
  return Array.isArray(branches) ? branches.map(schemaAt) : undefined;
};

/** Every shape the recorded union accepted must still be accepted by some current branch. */
const compareUnions = (recorded: JsonSchema, current: JsonSchema, path: string) => {
  const recordedBranches = branchesOf(recorded);
  const currentBranches = branchesOf(current);
  if (!recordedBranches && !currentBranches) return undefined;
  const candidates = currentBranches ?? [current];
  return (recordedBranches ?? [recorded]).flatMap((branch, index) => {
    if (candidates.some((candidate) => compare(branch, candidate, path).length === 0)) return [];
    const [only] = candidates;
    return candidates.length === 1 && only
      ? compare(branch, only, path)
      : broken(path, `union member ${index} (${show(branch.type ?? branch.const)}) is no longer accepted`);
  });
};

const typesOf = (schema: JsonSchema): Set<string> | undefined => {
  if (typeof schema.type === 'string') return new Set([schema.type]);
  return Array.isArray(schema.type) ? new Set(schema.type.map(String)) : undefined;
};

const compareTypes: Check = (recorded, current, path) => {
  const before = typesOf(recorded);
  const after = typesOf(current);
  if (!after) return [];
  if (!before) return broken(path, `now restricted to type ${[...after].join('|')}`);
  const lost = [...before].filter((t) => !after.has(t) && !(t === 'integer' && after.has('number')));
  return lost.length ? broken(path, `retyped from ${[...before].join('|')} to ${[...after].join('|')}`) : [];
};

const compareValues: Check = (recorded, current, path) => {
  const changes: BreakingChange[] = [];
  if ('const' in current && (!('const' in recorded) || recorded.const !== current.const)) {
    changes.push({ path, reason: `value fixed to ${show(current.const)} (was ${show(recorded.const)})` });
  }
  if (Array.isArray(current.enum)) {
    const allowed = new Set(current.enum.map(show));
    if (!Array.isArray(recorded.enum)) {
      if (!('const' in recorded && allowed.has(show(recorded.const)))) {
        changes.push({ path, reason: `now restricted to ${show(current.enum)}` });
      }
    } else {
      for (const value of recorded.enum.filter((v) => !allowed.has(show(v)))) {
        changes.push({ path, reason: `enum value ${show(value)} removed` });
      }
    }
  }
  return changes;
};

const lowerBounds = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const;
const upperBounds = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const;

const compareBounds: Check = (recorded, current, path) => {
  const changes: BreakingChange[] = [];
  const bound = (schema: JsonSchema, key: string) =>
    typeof schema[key] === 'number' ? (schema[key] as number) : undefined;
  for (const key of lowerBounds) {
    const [before, after] = [bound(recorded, key), bound(current, key)];
    if (after !== undefined && (before === undefined || after > before)) {
      changes.push({ path, reason: `${key} tightened from ${before ?? 'none'} to ${after}` });
    }
  }
  for (const key of upperBounds) {
    const [before, after] = [bound(recorded, key), bound(current, key)];
    if (after !== undefined && (before === undefined || after < before)) {
      changes.push({ path, reason: `${key} tightened from ${before ?? 'none'} to ${after}` });
    }
  }
  return changes;
};

const compareStrings: Check = (recorded, current, path) => {
  // A named format (uuid, date-time) carries the meaning; the pattern zod writes beside it is
  // its rendering of that format and may change between zod releases.
  const sameFormat = recorded.format !== undefined && recorded.format === current.format;
  return (sameFormat ? (['format'] as const) : (['pattern', 'format'] as const)).flatMap((key) =>
    current[key] !== undefined && current[key] !== recorded[key]
      ? broken(path, `${key} changed from ${show(recorded[key])} to ${show(current[key])}`)
      : [],
  );
};

const propertiesOf = (schema: JsonSchema) => schemaAt(schema.properties);
const requiredOf = (schema: JsonSchema) =>
  new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);

const compareObjects: Check = (recorded, current, path) => {
  const [before, after] = [propertiesOf(recorded), propertiesOf(current)];
  const [requiredBefore, requiredAfter] = [requiredOf(recorded), requiredOf(current)];
  const changes: BreakingChange[] = [];
  for (const [key, schema] of Object.entries(before)) {
    if (!(key in after)) changes.push({ path: at(path, key), reason: 'field removed' });
    else changes.push(...compare(schemaAt(schema), schemaAt(after[key]), at(path, key)));
  }
  for (const key of requiredAfter) {
    if (requiredBefore.has(key)) continue;
    changes.push({
      path: at(path, key),
      reason: key in before ? 'optional field made required' : 'new required field',
    });
  }
  const openBefore = recorded.additionalProperties !== false;
  if (openBefore && current.additionalProperties === false && 'properties' in current) {
    changes.push({ path, reason: 'unknown fields are now rejected (object made strict)' });
  }
  return changes;
};

const compareArrays: Check = (recorded, current, path) =>
  isSchema(current.items) ? compare(schemaAt(recorded.items), current.items, `${path}[]`) : [];
