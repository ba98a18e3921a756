export { CausewayError, isCausewayError } from './causewayError.js';
export { ConcurrencyError, type ExpectedVersion, isConcurrencyError } from './concurrencyError.js';
export { DomainRuleError, isDomainRuleError } from './domainRuleError.js';
export {
  isUnknownEventTypeError,
  UnknownCommandError,
  UnknownEventTypeError,
} from './unknownMessageTypeError.js';
export { isValidationError, ValidationError, type ValidationIssue } from './validationError.js';
