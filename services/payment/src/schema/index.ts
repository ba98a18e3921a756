export { paymentCharges } from './paymentCharges.js';
