export { DeciderSpecification, type Then, type When } from './deciderSpecification.js';
export { waitFor } from './waitFor.js';
