/** One payment, as its events tell it. The stream is `payment-<paymentId>`. */
export type Payment =
  | { status: 'NONE' }
  | { status: 'PROCESSED'; orderId: string; amount: number }
  | { status: 'FAILED'; orderId: string; reason: string }
  | { status: 'REFUNDED'; orderId: string; amount: number; refunded: number };

export const initialState = (): Payment => ({ status: 'NONE' });
