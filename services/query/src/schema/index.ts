export {
  type OrderPaymentRow,
  orderPayments,
  orderPaymentsNamed,
  type PaymentStatus,
  paymentStatuses,
} from './orderPayments.js';
export {
  type OrderStatus,
  type OrderSummaryRow,
  orderStatuses,
  orderSummaries,
  orderSummariesNamed,
} from './orderSummaries.js';
