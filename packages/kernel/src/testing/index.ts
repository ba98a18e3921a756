export { DeciderSpecification, type Then, type When } from './deciderSpecification.js';
