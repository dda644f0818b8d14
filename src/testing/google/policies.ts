import { STANDARD_PARAMS, type ApiContext, type ApiRoute } from './api.js';
import { callerLacksPermission, googleError, type GoogleResponse, type JsonObject } from './http.js';
import type { GooglePolicyModel, GoogleWorkspaceModel } from './model.js';
import { servePage } from './paging.js';

/**
 * Cloud Identity Policy API v1 policies.list (`cloudidentity.googleapis.com/v1/policies`).
 * Answers super administrators only. `pageSize` defaults to 50 and values above 100 count as 100
 * (reference page). The `filter` is the documented CEL subset: `setting.type.matches('<RE2>')`
 * and `customer == "customers/{id|my_customer}"`, combined with `&&` and `||` and parentheses.
 */

/** A parsed filter: a predicate on policies, and the customers its `customer ==` clauses name. */
interface ParsedFilter {
  test(policy: GooglePolicyModel, customerName: string): boolean;
  customers: string[];
}

class FilterError extends Error {}

/** Parses the CEL subset the Policy API documents; throws {@link FilterError} on anything else. */
export function parsePolicyFilter(filter: string): ParsedFilter {
  let position = 0;
  const customers: string[] = [];
  const skip = (): void => {
    while (/\s/.test(filter[position] ?? '')) position++;
  };
  const take = (literal: string): boolean => {
    skip();
    if (filter.startsWith(literal, position)) {
      position += literal.length;
      return true;
    }
    return false;
  };
  const stringLiteral = (): string => {
    skip();
    const quote = filter[position];
    if (quote !== "'" && quote !== '"') throw new FilterError(`expected a string at ${position}`);
    position++;
    let value = '';
    for (;;) {
      const char = filter[position++];
      if (char === undefined) throw new FilterError('unterminated string');
      if (char === quote) return value;
      if (char === '\\') {
        const next = filter[position++];
        if (next === undefined) throw new FilterError('unterminated escape');
        // CEL string escapes; any other (e.g. `\.`) is a syntax error in CEL, so a regex dot must
        // be written `\\.` as the reference page's example does.
        const escapes: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', '`': '`', '?': '?', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
        const escaped = escapes[next];
        if (escaped === undefined) throw new FilterError(`invalid escape sequence \\${next}`);
        value += escaped;
        continue;
      }
      value += char;
    }
  };

  type Predicate = (policy: GooglePolicyModel, customerName: string) => boolean;

  const clause = (): Predicate => {
    if (take('(')) {
      const inner = or();
      if (!take(')')) throw new FilterError(`expected ) at ${position}`);
      return inner;
    }
    if (take('setting.type.matches(')) {
      const source = stringLiteral();
      if (!take(')')) throw new FilterError(`expected ) at ${position}`);
      let regex: RegExp;
      try {
        regex = new RegExp(source);
      } catch {
        throw new FilterError(`invalid regular expression ${source}`);
      }
      // CEL matches() is a search, not a full match: anchors are the caller's business.
      return (policy) => regex.test(policy.setting.type);
    }
    if (take('customer')) {
      if (!take('==')) throw new FilterError(`expected == at ${position}`);
      const value = stringLiteral();
      if (!/^customers\/[^/]+$/.test(value)) throw new FilterError(`invalid customer ${value}`);
      customers.push(value);
      return (_policy, customerName) => value === 'customers/my_customer' || value.toLowerCase() === customerName.toLowerCase();
    }
    throw new FilterError(`unexpected input at ${position}`);
  };
  const and = (): Predicate => {
    const parts = [clause()];
    while (take('&&')) parts.push(clause());
    return (policy, customer) => parts.every((part) => part(policy, customer));
  };
  const or = (): Predicate => {
    const parts = [and()];
    while (take('||')) parts.push(and());
    return (policy, customer) => parts.some((part) => part(policy, customer));
  };

  const predicate = or();
  skip();
  if (position !== filter.length) throw new FilterError(`unexpected input at ${position}`);
  return { test: predicate, customers };
}

/** A policy as policies.list serves it. */
export function servePolicy(model: GoogleWorkspaceModel, policy: GooglePolicyModel): JsonObject {
  const query: JsonObject = {};
  if (policy.policyQuery.query !== undefined) query['query'] = policy.policyQuery.query;
  else if (policy.policyQuery.orgUnit !== undefined) {
    const id = policy.policyQuery.orgUnit.replace(/^orgUnits\//, '');
    query['query'] = `entity.org_units.exists(org_unit, org_unit.org_unit_id == orgUnitId('${id}'))`;
  }
  if (policy.policyQuery.orgUnit !== undefined) query['orgUnit'] = policy.policyQuery.orgUnit;
  if (policy.policyQuery.group !== undefined) query['group'] = policy.policyQuery.group;
  query['sortOrder'] = policy.policyQuery.sortOrder ?? 1;
  return {
    name: policy.name,
    customer: policy.customer ?? `customers/${model.customer.id}`,
    policyQuery: query,
    setting: { type: policy.setting.type, value: policy.setting.value as JsonObject },
    type: policy.type ?? 'ADMIN',
  };
}

function invalidArgument(message: string): GoogleResponse {
  return googleError({ dialect: 'oneplatform', status: 400, message });
}

function listPolicies(ctx: ApiContext): GoogleResponse {
  const { model, query } = ctx;
  // OnePlatform binds query parameters to the request message and rejects any it cannot bind.
  for (const name of new Set(query.keys())) {
    if (!['filter', 'pageSize', 'pageToken'].includes(name) && !STANDARD_PARAMS.includes(name)) {
      return invalidArgument(`Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`);
    }
  }
  const rawSize = query.get('pageSize');
  let pageSize = 50;
  if (rawSize !== null && rawSize !== '') {
    if (!/^-?\d+$/.test(rawSize)) return invalidArgument(`Invalid value at 'page_size' (TYPE_INT32), "${rawSize}"`);
    const value = Number(rawSize);
    if (value < 0) return invalidArgument('The page size must not be negative.');
    pageSize = value === 0 ? 50 : Math.min(value, 100);
  }
  const filterText = query.get('filter') ?? '';
  let filter: ParsedFilter | undefined;
  if (filterText !== '') {
    try {
      filter = parsePolicyFilter(filterText);
    } catch (error) {
      return invalidArgument(`Invalid filter: ${(error as Error).message}.`);
    }
    if (filter.customers.length > 1) return invalidArgument('Invalid filter: at most one customer clause is allowed.');
    const named = filter.customers[0];
    if (named !== undefined && named !== 'customers/my_customer' && named.toLowerCase() !== `customers/${model.customer.id}`.toLowerCase()) {
      return callerLacksPermission();
    }
  }
  const customerName = `customers/${model.customer.id}`;
  const policies = model.policies.filter((policy) => filter === undefined || filter.test(policy, customerName));

  const binding = { filter: filterText || undefined };
  return servePage(policies, {
    method: 'cloudidentity.policies.list',
    binding,
    pageToken: query.get('pageToken'),
    size: pageSize,
    invalidToken: () => invalidArgument('The page token is invalid.'),
    // The Policy API's list has no kind or etag.
    head: () => ({}),
    itemsKey: 'policies',
    render: (policy) => servePolicy(model, policy),
  });
}

/** The Policy API route. */
export const policyRoutes: readonly ApiRoute[] = [
  {
    methodId: 'cloudidentity.policies.list',
    service: 'cloudidentity.googleapis.com',
    host: 'cloudidentity.googleapis.com',
    dialect: 'oneplatform',
    pattern: /^\/v1\/policies$/,
    scopes: ['https://www.googleapis.com/auth/cloud-identity.policies', 'https://www.googleapis.com/auth/cloud-identity.policies.readonly'],
    privilege: 'SUPER_ADMIN',
    denied: callerLacksPermission,
    schema: 'ListPoliciesResponse',
    params: ['filter', 'pageSize', 'pageToken'],
    handle: listPolicies,
  },
];

