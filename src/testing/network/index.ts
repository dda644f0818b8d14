/**
 * A seeded network in front of the simulated services: latency, throttling, outages, resets, slow
 * answers, fault streaks and malformed answers, reproducible from a seed. See {@link SimulatedNetwork}.
 */
export { SimulatedNetwork, withSimulatedNetwork } from './network.js';
export { abortableDelay } from './delay.js';
export { mulberry32 } from './prng.js';
export { isTokenEndpoint, simulatedServiceOf } from './services.js';
export { NOT_JSON_BODY, REPEATING_PAGE_TOKEN } from './malformed.js';
export type {
  FaultStreak,
  MalformedAnswer,
  MalformedMode,
  NetworkEvent,
  NetworkFaultKind,
  NetworkOptions,
  NetworkService,
  NetworkStats,
  RequestMatcher,
} from './model.js';
