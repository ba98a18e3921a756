import { customType } from 'drizzle-orm/pg-core';

/**
 * PostgreSQL's 64-bit transaction id (`xid8`), carried as its decimal text: JavaScript numbers
 * cannot hold every value, and positions only ever compare and print it.
 */
export const xid8 = customType<{ data: string; driverData: string }>({
  dataType: () => 'xid8',
  fromDriver: (value) => String(value),
});
