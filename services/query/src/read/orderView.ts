import type { OrderItem } from '@causeway/contracts';
import type { OrderPaymentRow, OrderStatus, OrderSummaryRow, PaymentStatus } from '../schema/index.js';

export interface OrderSummaryView {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  items: OrderItem[];
  total: number;
  paid: number;
  refunded: number;
  cancellationReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PaymentView {
  paymentId: string;
  status: PaymentStatus;
  amount: number | null;
  refunded: number;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export type OrderView = OrderSummaryView & { payments: PaymentView[] };

export const toSummaryView = (row: OrderSummaryRow): OrderSummaryView => ({
  orderId: row.orderId,
  customerId: row.customerId,
  status: row.status,
  items: row.items,
  total: row.total,
  paid: row.paid,
  refunded: row.refunded,
  cancellationReason: row.cancellationReason,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const toPaymentView = (row: OrderPaymentRow): PaymentView => ({
  paymentId: row.paymentId,
  status: row.status,
  amount: row.amount,
  refunded: row.refunded,
  failureReason: row.failureReason,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
