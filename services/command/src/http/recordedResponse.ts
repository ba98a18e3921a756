import type { HandleCommandResult } from '@causeway/event-store';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { type WriteResult, writeResult } from './schemas.js';

/** A write's whole answer, as sent and as kept for an idempotent retry. */
export const recordedResponse = z.object({
  status: z.union([z.literal(200), z.literal(201)]),
  headers: z.record(z.string(), z.string()),
  body: writeResult,
});
export type RecordedResponse = z.infer<typeof recordedResponse>;

/** `{ orderId, version, position }` with the version as ETag (and `Location` for a created order). */
export const writtenResponse = (
  status: 200 | 201,
  orderId: string,
  result: HandleCommandResult,
): RecordedResponse => {
  if (result.position === undefined) throw new Error(`${result.streamId}: the command wrote no event`);
  const body: WriteResult = { orderId, version: result.nextVersion, position: result.position };
  const headers: Record<string, string> = { etag: `"${result.nextVersion}"` };
  if (status === 201) headers.location = `/orders/${orderId}`;
  return { status, headers, body };
};

export const sendRecorded = (
  reply: FastifyReply,
  response: RecordedResponse & { replayed: boolean },
): FastifyReply =>
  reply
    .code(response.status)
    .headers({ ...response.headers, ...(response.replayed ? { 'idempotent-replayed': 'true' } : {}) })
    .send(response.body);
