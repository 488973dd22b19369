/**
 * Rate limits switched off, for a single client that sends many requests on purpose: suites
 * about other behaviour, the evaluation and the benchmarks. Tests of the limits set their own.
 */
export const NO_RATE_LIMITS: Record<string, string> = {
  RATE_LIMIT_ANSWERS_PER_IP: '0',
  RATE_LIMIT_ANSWERS_PER_USER: '0',
  RATE_LIMIT_SEARCH_PER_IP: '0',
  RATE_LIMIT_HEALTH_PER_IP: '0',
};
