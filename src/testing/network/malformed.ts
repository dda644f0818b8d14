import type { MalformedAnswer } from './model.js';

/** The non-JSON body `notJson` sends by default: what an Envoy front end says when its upstream drops. */
export const NOT_JSON_BODY = 'upstream connect error or disconnect/reset before headers. reset reason: connection termination';

/** The `nextPageToken` that `pageTokenRepeats` hands out when the real first page has none. */
export const REPEATING_PAGE_TOKEN = 'tenant-audit-repeating-page-token';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Headers of the real answer, without the length of a body that changes. */
function headersOf(response: Response): Headers {
  const headers = new Headers(response.headers);
  headers.delete('Content-Length');
  return headers;
}

function withBody(real: Response, body: string | Uint8Array): Response {
  return new Response(body, { status: real.status, statusText: real.statusText, headers: headersOf(real) });
}

/**
 * The URL to fetch the real answer from. `pageTokenRepeats` hands out a token of its own when a list
 * has a single page; that token stands for the first page, so it is dropped before asking the service.
 */
export function upstreamUrl(rule: MalformedAnswer, url: URL): URL {
  if (rule.mode !== 'pageTokenRepeats' || url.searchParams.get('pageToken') !== REPEATING_PAGE_TOKEN) return url;
  const upstream = new URL(url.href);
  upstream.searchParams.delete('pageToken');
  return upstream;
}

/**
 * Breaks a real answer as the rule says, or returns `null` when the answer has nothing to break
 * (an error answer, a body that is not a JSON object, a `$batch` mode on another answer).
 */
export async function malform(rule: MalformedAnswer, real: Response, requestUrl: URL): Promise<Response | null> {
  const bytes = new Uint8Array(await real.arrayBuffer());
  if (rule.mode === 'truncated') {
    if (bytes.length === 0) return null;
    const fraction = Math.min(1, Math.max(0, rule.fraction ?? 0.5));
    return withBody(real, bytes.slice(0, Math.min(bytes.length - 1, Math.floor(bytes.length * fraction))));
  }
  if (rule.mode === 'notJson') return withBody(real, rule.body ?? NOT_JSON_BODY);

  if (real.status < 200 || real.status > 299) return null;
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  if (!isObject(body)) return null;

  switch (rule.mode) {
    case 'nextLinkLoop':
      body['@odata.nextLink'] = requestUrl.href;
      break;
    case 'nextLinkOtherHost':
      body['@odata.nextLink'] = rule.nextLink ?? `https://evil.example${requestUrl.pathname}?$skiptoken=x`;
      break;
    case 'pageTokenRepeats': {
      const sent = requestUrl.searchParams.get('pageToken');
      const real = typeof body['nextPageToken'] === 'string' ? body['nextPageToken'] : undefined;
      body['nextPageToken'] = sent !== null && sent !== '' ? sent : (real ?? REPEATING_PAGE_TOKEN);
      break;
    }
    case 'valueNotArray': {
      const key = rule.key ?? ('value' in body ? 'value' : Object.keys(body).find((name) => Array.isArray(body[name])));
      if (key === undefined || !Array.isArray(body[key])) return null;
      body[key] = Object.fromEntries((body[key] as unknown[]).map((item, index) => [String(index), item]));
      break;
    }
    case 'batchWithoutResponses':
      if (!Array.isArray(body['responses'])) return null;
      delete body['responses'];
      break;
    case 'batchResponsesWithoutIds':
      if (!Array.isArray(body['responses'])) return null;
      body['responses'] = (body['responses'] as unknown[]).map((entry) => {
        if (!isObject(entry)) return entry;
        const { id: _id, ...rest } = entry;
        return rest;
      });
      break;
  }
  return withBody(real, JSON.stringify(body));
}
