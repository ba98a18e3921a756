import { isPosition, type Position } from '@causeway/event-store';
import { z } from 'zod';
import { type Cursor, decodeCursor } from '../read/cursor.js';

/** A whole number in a query string: decimal digits only (no `1e3`, `0x10`, blanks), within bounds. */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.int().min(min).max(max));

/** `minPosition`: the `position` a write returned; the read waits until the read model has it. */
export const minPosition = z
  .string()
  .refine(isPosition, 'must be a position returned by a write: two 20-digit numbers joined by "-"')
  .transform((value) => value as Position)
  .optional()
  .meta({
    description:
      'Wait (bounded) until the read model has applied this position, as returned by a write; 503 past the bound',
    example: '00000000000000000752-00000000000000000001',
  });

export const cursor = z
  .string()
  .transform((value, ctx): Cursor => {
    const decoded = decodeCursor(value);
    if (!decoded) ctx.addIssue({ code: 'custom', message: 'must be a nextCursor returned by this list' });
    return decoded as Cursor;
  })
  .optional()
  .meta({ description: 'The `nextCursor` of the previous page' });
