import type { AdminEndpoint } from '../../datasets/m365-exchange.js';

/** An Exchange admin API error as data. */
export interface ExchangeFailure {
  /** HTTP status (0 when no answer came, e.g. the token could not be obtained). */
  status: number;
  code: string;
  message: string;
  cmdlet: string;
  endpoint: AdminEndpoint;
  requestId?: string;
  /**
   * The application permissions (`roles` claim) of the token that was refused, when the token is a
   * readable app-only JWT; tells a missing Exchange.ManageAsApp apart from a missing directory role.
   */
  tokenRoles?: string[];
  /** Why the compliance endpoint was not used, when this failure came from the Exchange fallback. */
  complianceRefusal?: ExchangeFailure;
}

/** Thrown for an Exchange admin API error answer; carries the parsed failure. */
export class ExchangeRequestError extends Error {
  override readonly name = 'ExchangeRequestError';
  constructor(readonly failure: ExchangeFailure) {
    super(`${endpointName(failure.endpoint)} answered ${failure.cmdlet} with ${failure.status} ${failure.code}${failure.message ? `: ${failure.message}` : ''}`);
  }
}

/** A human name for an endpoint, for reasons and notes. */
export function endpointName(endpoint: AdminEndpoint): string {
  return endpoint === 'exchange' ? 'Exchange Online' : 'Security & Compliance';
}
