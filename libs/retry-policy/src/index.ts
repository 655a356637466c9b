export {
  classifyOutcome,
  decideNext,
  type AttemptFailure,
  type AttemptVerdict,
  type DeliveryDecision,
} from './delivery.decision';
export { parseRetryAfter } from './retry-after.parse';
export {
  defaultRetryPolicy,
  maxRetries,
  nextDelay,
  retryPolicyProblems,
  validateRetryPolicy,
  type RetryContext,
  type RetryHints,
  type RetryPolicy,
  type RetryPolicyProblem,
  type RetryStep,
} from './retry.policy';
export {
  durationSchema,
  parseDuration,
  retryDelaysSchema,
  retryPolicyEnvNames,
  retryPolicyEnvSchema,
  retryPolicyFromEnv,
  RetryPolicyConfigError,
} from './retry-policy.env';
export { formatDuration, retryScheduleSchema, scheduleLimits } from './retry-schedule';
