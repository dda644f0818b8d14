/**
 * The Exchange Online admin API's error answers. Each builder cites where its status and body come
 * from; where nothing public shows the body, the comment says the simulator's choice is a guess.
 *
 * The JSON envelope, from live 400 answers captured by rknightion/graph2otel
 * (internal/exoclient/errors_test.go, 2026-07-23) and a Microsoft Q&A thread quoting the module
 * (learn.microsoft.com/answers/questions/1023619):
 *
 *   {"error":{"code":"BadRequest","message":"Invalid Operation",
 *     "details":[{"code":"Client","target":"","message":"|<Type>|<text>"}],          (some errors)
 *     "innererror":{"message":"Invalid Operation","type":"Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
 *       "stacktrace":"","internalexception":{"message":"<text>","type":"<Type>","stacktrace":""}}}}
 *
 * `error.message` is always "Invalid Operation"; the useful text is in `details[].message` (prefixed
 * with `|Type|`) and `innererror.internalexception.message` - spelled in lower case on the wire,
 * although PowerShell clients such as CIPP read it as `internalException` (PowerShell property
 * access ignores case; JavaScript's does not).
 */
import type { Json, JsonObject } from '../graph/http.js';

/** What the Exchange simulator answers. */
export interface ExchangeAnswer {
  status: number;
  headers: Record<string, string>;
  /** JSON, raw bytes, or nothing. */
  body: Json | Uint8Array | undefined;
}

/** Per-request ids and clock. */
export interface ExchangeRequestContext {
  requestId: string;
  now: Date;
}

/** The OData content type the admin API answers with (live capture's `Content-Type`). */
export const ADMIN_API_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

function baseHeaders(ctx: ExchangeRequestContext): Record<string, string> {
  return { 'request-id': ctx.requestId, 'X-Request-Processing-Service-Version': 'Core' };
}

/** A JSON answer with the admin API's headers. */
export function jsonAnswer(ctx: ExchangeRequestContext, status: number, body: Json, extra: Record<string, string> = {}): ExchangeAnswer {
  return { status, headers: { ...baseHeaders(ctx), 'Content-Type': ADMIN_API_JSON, 'OData-Version': '4.0', ...extra }, body };
}

const ODATA_SERVICE_EXCEPTION = 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException';

/** The stack trace the module quoted for a failed pagination request (Q&A 1023619). */
const INVOKE_STACKTRACE =
  '   at Microsoft.Exchange.AdminApi.CommandInvocation.CommandInvocation.InvokeCommand(QueryContext queryContext, CmdletInvokeInputType cmdletInvokeInputType)\r\n' +
  '   at Microsoft.Exchange.Admin.OData.Core.PathSegmentToExpressionTranslator.Translate(OperationImportSegment segment)\r\n' +
  '   at Microsoft.Exchange.Admin.OData.Core.QueryContext.ResolveQuery(ODataContext context, Int32 level)\r\n' +
  '   at Microsoft.Exchange.Admin.OData.Core.Handlers.OperationHandler.Process(IODataRequestMessage requestMessage, IODataResponseMessage responseMessage)\r\n' +
  '   at Microsoft.Exchange.Admin.OData.Core.Handlers.RequestHandler.Process(Stream requestStream)';

interface EnvelopeOptions {
  status: number;
  code: string;
  exceptionType: string;
  text: string;
  /** Add `details[]` with the `|Type|text` message, as the unknown-parameter answer does. */
  details?: boolean;
  /** Add the empty `@adminapi.warnings` inside `error`, as the invalid-enum answer does. */
  warnings?: boolean;
  stacktrace?: string;
}

function envelope(ctx: ExchangeRequestContext, options: EnvelopeOptions): ExchangeAnswer {
  const error: JsonObject = { code: options.code, message: 'Invalid Operation' };
  if (options.details) error['details'] = [{ code: 'Client', target: '', message: `|${options.exceptionType}|${options.text}` }];
  error['innererror'] = {
    message: 'Invalid Operation',
    type: ODATA_SERVICE_EXCEPTION,
    stacktrace: options.stacktrace ?? '',
    internalexception: { message: options.text, type: options.exceptionType, stacktrace: '' },
  };
  if (options.warnings) {
    error['adminapi.warnings@odata.type'] = '#Collection(String)';
    error['@adminapi.warnings'] = [];
  }
  return jsonAnswer(ctx, options.status, { error });
}

/**
 * 400 for a parameter the cmdlet does not have. Body as captured live for
 * `Get-QuarantineMessage -BogusParameter 1` (graph2otel errors_test.go, liveUnknownParameterBody).
 */
export function unknownParameter(ctx: ExchangeRequestContext, names: readonly string[]): ExchangeAnswer {
  return envelope(ctx, {
    status: 400,
    code: 'BadRequest',
    exceptionType: 'Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException',
    text: `Parameter set cannot be resolved using the specified named parameters. Invalid cmdlet parameters specified. ${names.join(', ')}`,
    details: true,
  });
}

/**
 * 400 for a value a parameter cannot take. Body as captured live for
 * `Get-QuarantineMessage -QuarantineTypes Nonsense` (graph2otel errors_test.go, liveInvalidEnumBody).
 */
export function parameterTransformation(ctx: ExchangeRequestContext, parameter: string, value: string, type: string, reason: string): ExchangeAnswer {
  return envelope(ctx, {
    status: 400,
    code: 'BadRequest',
    exceptionType: 'Microsoft.Exchange.AdminApi.CommandInvocation.ParameterTransformationException',
    text: `Cannot process argument transformation on parameter '${parameter}'. Cannot convert value "${value}" to type "${type}". Error: "${reason}"`,
    warnings: true,
  });
}

/**
 * 400 for a next link whose cursor does not match the request, or is over 30 minutes old. Body as
 * the ExchangeOnlineManagement module quoted it (Q&A 1023619); graph2otel saw the same answer when
 * it replayed a next link with a changed body.
 */
export function invalidPagination(ctx: ExchangeRequestContext): ExchangeAnswer {
  return envelope(ctx, {
    status: 400,
    code: 'BadRequest',
    exceptionType: 'System.Exception',
    text: 'Expired or Invalid pagination request. Default Expiry time is 00:30:00',
    stacktrace: INVOKE_STACKTRACE,
  });
}

/**
 * 400 for a request body that is not a `CmdletInput` envelope. The admin API's answer to this was
 * not found in public sources; the simulator uses its usual envelope.
 */
export function malformedBody(ctx: ExchangeRequestContext, what: string): ExchangeAnswer {
  return envelope(ctx, { status: 400, code: 'BadRequest', exceptionType: 'Microsoft.OData.ODataException', text: what });
}

/**
 * 500 for an injected server fault. Not captured: the simulator's guess, in the usual envelope.
 */
export function internalServerError(ctx: ExchangeRequestContext, extra: Record<string, string>): ExchangeAnswer {
  const answer = envelope(ctx, { status: 500, code: 'InternalServerError', exceptionType: 'System.Exception', text: 'An internal server error occurred. The operation failed.' });
  return { ...answer, headers: { ...answer.headers, ...extra } };
}

/**
 * 429 or 503 from an injected fault: `Retry-After` when given and no body. The admin API's throttling
 * body was not found in public sources (graph2otel saw no 429 at all), so the simulator sends none and
 * a client must not depend on one.
 */
export function unavailable(ctx: ExchangeRequestContext, status: 429 | 503, retryAfterSeconds: number | null | undefined): ExchangeAnswer {
  const headers: Record<string, string> = { ...baseHeaders(ctx) };
  if (retryAfterSeconds !== null && retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  return { status, headers, body: undefined };
}

/**
 * 401 from the Exchange front door: empty body and a `WWW-Authenticate` challenge, with an
 * `x-ms-diagnostics` reason where one is known (the front door's 401 for a wrong audience, quoted
 * in a public EWS client's notes: `2000003;reason="The audience claim value is invalid 'aud'.";
 * error_category="invalid_resource"`; `2000004` "The tenant for tenant guid ... does not exist."
 * from Microsoft's Skype/Exchange troubleshooting article). The admin API's 401 for a token without
 * Exchange.ManageAsApp was measured (graph2otel: "neither grant -> HTTP 401") but its body was not
 * published; the simulator sends the same empty challenge.
 */
export function unauthorized(ctx: ExchangeRequestContext, diagnostics?: string): ExchangeAnswer {
  const headers: Record<string, string> = {
    ...baseHeaders(ctx),
    'WWW-Authenticate':
      'Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*", token_types="app_asserted_user_v1 service_asserted_app_v1", authorization_uri="https://login.windows.net/common/oauth2/authorize", error="invalid_token"',
  };
  if (diagnostics !== undefined) headers['x-ms-diagnostics'] = diagnostics;
  return { status: 401, headers, body: undefined };
}

/** Length of the body of the admin API's 403 (graph2otel's test uses a 4 KiB run of NUL bytes). */
const FORBIDDEN_BODY_BYTES = 4096;

/**
 * 403 for an app without a supported Entra directory role, or a cmdlet its role does not allow, or a
 * cmdlet the endpoint does not have. Live-measured by graph2otel (internal/exoclient/exoclient.go,
 * 2026-07-23): "app role only -> HTTP 403" and "an unauthorized (or unknown) cmdlet answers HTTP 403
 * with a body that is not JSON at all - a long run of NUL bytes". The ExchangeOnlineManagement module
 * reports the missing-role case as "The role assigned to application <appId> isn't supported in this
 * scenario. Please check online documentation for assigning correct Directory Roles to Azure AD
 * Application for EXO App-Only Authentication." - text that evidently comes from another call.
 */
export function forbidden(ctx: ExchangeRequestContext): ExchangeAnswer {
  return { status: 403, headers: baseHeaders(ctx), body: new Uint8Array(FORBIDDEN_BODY_BYTES) };
}

/** 405 for a verb the InvokeCommand action does not take (an OData action is POST only). */
export function methodNotAllowed(ctx: ExchangeRequestContext): ExchangeAnswer {
  return { status: 405, headers: { ...baseHeaders(ctx), Allow: 'POST' }, body: undefined };
}

/**
 * 501 for something the real admin API serves but this simulator does not (another cmdlet
 * parameter, another admin API path, the clixml response format). Not an Exchange answer: it says
 * plainly that the simulator is the limit, so a test fails loudly.
 */
export function notSimulated(ctx: ExchangeRequestContext, what: string): ExchangeAnswer {
  return jsonAnswer(ctx, 501, { error: { code: 'SimulatorNotImplemented', message: `tenant-audit's Exchange Online simulator does not simulate ${what}.` } });
}
