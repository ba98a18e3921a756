export { orderSagas } from './orderSagas.js';
export { type SentCommand, sagaHistory } from './sagaHistory.js';
