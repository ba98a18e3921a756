import { type EventStore, type Position, positionParts } from '@causeway/event-store';

/**
 * Events between `position` and the store's head, from the store's global sequence. An estimate:
 * exact for one writer; concurrent and rolled-back appends make it approximate (never negative).
 */
export const lagBehindHead = async (
  store: Pick<EventStore, 'headPosition'>,
  position: Position | undefined,
): Promise<number> => {
  const head = await store.headPosition();
  if (head === undefined) return 0;
  const behind = BigInt(positionParts(head).seq) - (position ? BigInt(positionParts(position).seq) : 0n);
  return behind > 0n ? Number(behind) : 0;
};
