/**
 * A place in the log's delivery order: the writing transaction's id (`xid8`) and the event's
 * sequence, as one opaque token. Both parts are zero-padded to 20 digits, so tokens compare
 * correctly as plain strings too; still, use `comparePositions`, not string comparison, in code.
 */
export type Position = string & { readonly __brand: 'Position' };
