import { defineEvent } from '@causeway/kernel';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { messageJsonSchema } from './messageJsonSchema.js';
import { planSchemaFiles, renderSchemaFile } from './schemaFiles.js';

const noted = (payload: z.ZodType, schemaVersion = 1) =>
  defineEvent({
    type: 'NOTE_ADDED',
    aggregateType: 'note',
    payload,
    schemaVersion,
    upcasters: { 1: (p: { text: string }) => ({ body: p.text }) },
  });

const v1 = noted(z.strictObject({ text: z.string().max(100), tag: z.string().optional() }));
const recordedV1 = new Map([[renderSchemaFile(v1).name, renderSchemaFile(v1).content]]);

describe('renderSchemaFile', () => {
  it('names the file by type and schema version and holds the message schema', () => {
    const file = renderSchemaFile(v1);
    expect(file.name).toBe('NOTE_ADDED.v1.json');
    expect(JSON.parse(file.content)).toEqual(messageJsonSchema(v1));
    expect(file.content.endsWith('}\n')).toBe(true);
  });
});

describe('planSchemaFiles', () => {
  it('writes the file of a new type', () => {
    expect(planSchemaFiles([v1], new Map())).toEqual({ writes: [renderSchemaFile(v1)], problems: [] });
  });

  it('has nothing to do when the recorded files are current', () => {
    expect(planSchemaFiles([v1], recordedV1)).toEqual({ writes: [], problems: [] });
  });

  it('rewrites a recorded file whose schema changed compatibly', () => {
    const widened = noted(z.strictObject({ text: z.string().max(500), tag: z.string().optional() }));
    expect(planSchemaFiles([widened], recordedV1)).toEqual({
      writes: [renderSchemaFile(widened)],
      problems: [],
    });
  });

  it('refuses an incompatible change under the same schema version, naming the field', () => {
    const plan = planSchemaFiles([noted(z.strictObject({ text: z.string().max(100) }))], recordedV1);
    expect(plan.writes).toEqual([]);
    expect(plan.problems).toEqual([
      expect.stringMatching(
        /^NOTE_ADDED\.v1\.json changed incompatibly \(payload\.tag: field removed\)\. .*schemaVersion 2 with an upcaster from 1/,
      ),
    ]);
  });

  it('accepts the same change as a new schema version beside the recorded one', () => {
    const v2 = noted(z.strictObject({ body: z.string() }), 2);
    expect(planSchemaFiles([v2], recordedV1)).toEqual({ writes: [renderSchemaFile(v2)], problems: [] });
  });

  it('refuses a new schema version when the earlier one was never recorded or was deleted', () => {
    const v2 = noted(z.strictObject({ body: z.string() }), 2);
    expect(planSchemaFiles([v2], new Map()).problems).toEqual([
      expect.stringMatching(/^NOTE_ADDED\.v1\.json is missing/),
    ]);
  });

  it('refuses recorded files of types no longer defined, of future versions, or misnamed', () => {
    const recorded = new Map([
      ...recordedV1,
      ['NOTE_REMOVED.v1.json', '{}'],
      ['NOTE_ADDED.v3.json', '{}'],
      ['notes.json', '{}'],
    ]);
    expect(planSchemaFiles([v1], recorded).problems).toEqual([
      expect.stringMatching(/^NOTE_REMOVED\.v1\.json is recorded but NOTE_REMOVED is no longer defined/),
      expect.stringMatching(/^NOTE_ADDED\.v3\.json is recorded but NOTE_ADDED is defined at schemaVersion 1/),
      'notes.json is not named <TYPE>.v<schemaVersion>.json',
    ]);
  });
});
