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
