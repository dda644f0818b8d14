/** A Graph error as data: HTTP status, Graph error code, message and request id. */
export interface GraphFailure {
  status: number;
  code: string;
  message: string;
  requestId?: string;
}

/** Thrown for a Graph error answer; carries the parsed failure. */
export class GraphRequestError extends Error {
  override readonly name = 'GraphRequestError';
  constructor(readonly failure: GraphFailure) {
    super(`Graph answered ${failure.status} ${failure.code}: ${failure.message}`);
  }
}

/** Graph answered with something that is not the documented shape (a page without `value`, a broken `$batch`). */
export class GraphMalformedAnswer extends Error {
  override readonly name = 'GraphMalformedAnswer';
  constructor(
    readonly endpoint: string,
    readonly problem: string,
  ) {
    super(`Graph answered ${endpoint} with a malformed answer: ${problem}`);
  }
}

/** Paging that must not be followed: a foreign or repeated next link, or no end within the page cap. */
export class GraphPagingError extends Error {
  override readonly name = 'GraphPagingError';
  constructor(
    readonly endpoint: string,
    readonly problem: string,
  ) {
    super(`Graph paging of ${endpoint} stopped: ${problem}`);
  }
}
