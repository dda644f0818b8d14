import { describe, expect, it } from 'vitest';
import {
  compliantPractice,
  largeTenant,
  simulatedCredential,
  typicalPractice,
  TYPICAL_PRACTICE_ACCOUNTS,
  type M365TenantModel,
} from '../../src/testing/index.js';
import { allPages, call, expectGraphError, NOW, serveTenants, withRoles } from './harness.js';

const large = largeTenant(2500, { now: NOW });
const typical = typicalPractice({ now: NOW });
/** Typical practice without Business Premium: no Entra ID P1. */
const noPremium: M365TenantModel = {
  ...compliantPractice({ now: NOW }),
  tenantId: '11111111-1111-4111-8111-111111111111',
  subscribedSkus: [],
};
/** A tenant whose first user never signed in. */
const neverSignedIn = typicalPractice({ now: NOW });
neverSignedIn.tenantId = '22222222-2222-4222-8222-222222222222';
neverSignedIn.users[0]!.signInActivity = null;
const log = serveTenants([large, typical, noPremium, neverSignedIn]);

describe('GET /users paging', () => {
  it('pages 100 users at a time without $top', async () => {
    const first = await call(simulatedCredential(large), '/users');
    expect(first.status).toBe(200);
    expect(first.body.value).toHaveLength(100);
    expect(first.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#users');
  });

  it('follows @odata.nextLink, honouring $top, to every user exactly once', async () => {
    log.clear();
    const { pages, items } = await allPages(simulatedCredential(large), '/users?$select=id,userPrincipalName&$top=999');
    expect(pages.map((page) => page.body.value.length)).toEqual([999, 999, large.users.length - 1998]);
    expect(new Set(items.map((user) => user.id)).size).toBe(large.users.length);
    const next = new URL(pages[0]!.body['@odata.nextLink']);
    expect(next.origin + next.pathname).toBe('https://graph.microsoft.com/v1.0/users');
    expect(next.searchParams.get('$skiptoken')).toBeTruthy();
    expect(next.searchParams.get('$select')).toBe('id,userPrincipalName');
    expect(log.count({ path: '/users' })).toBe(3);
  });

  it.each([
    ['1000', 400, 'Request_UnsupportedQuery', "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive."],
    ['0', 400, 'Request_UnsupportedQuery', "Invalid page size specified: '0'. Must be between 1 and 999 inclusive."],
    ['ten', 400, 'BadRequest', /\$top query option requires a non-negative integer/],
  ])('refuses $top=%s as Graph does', async (top, status, code, message) => {
    expectGraphError(await call(simulatedCredential(large), `/users?$top=${top}`), status, code, message);
  });

  it('refuses a $skiptoken it did not issue', async () => {
    expectGraphError(await call(simulatedCredential(large), '/users?$skiptoken=bogus'), 400, 'Directory_ExpiredPageToken');
  });
});

describe('GET /users $select', () => {
  it('returns only the selected properties and says so in @odata.context', async () => {
    const answer = await call(simulatedCredential(typical), '/users?$select=displayName,accountEnabled&$top=5');
    expect(answer.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#users(displayName,accountEnabled)');
    for (const user of answer.body.value) expect(Object.keys(user)).toEqual(['displayName', 'accountEnabled']);
  });

  it('matches property names case-insensitively, answering with the canonical names', async () => {
    const answer = await call(simulatedCredential(typical), '/users?$select=ID,userprincipalname&$top=1');
    expect(Object.keys(answer.body.value[0])).toEqual(['id', 'userPrincipalName']);
  });

  it('serves properties the model leaves unset as null', async () => {
    const answer = await call(simulatedCredential(typical), '/users?$select=id,city,otherMails&$top=1');
    expect(answer.body.value[0]).toMatchObject({ city: null, otherMails: [] });
  });

  it('refuses an unknown property with 400', async () => {
    expectGraphError(
      await call(simulatedCredential(typical), '/users?$select=id,shoeSize'),
      400,
      'BadRequest',
      "Parsing OData Select and Expand failed: Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.",
    );
  });

  it('answers 501 when mailboxSettings is selected on the list', async () => {
    expectGraphError(
      await call(simulatedCredential(typical), '/users?$select=id,mailboxSettings'),
      501,
      'NotImplemented',
      'This operation target is not yet supported.',
    );
  });

  it('returns employeeLeaveDateTime only to apps granted User-LifeCycleInfo.Read.All', async () => {
    const path = `/users?$select=userPrincipalName,employeeLeaveDateTime&$top=999`;
    const leaver = (answer: { body: { value: { userPrincipalName: string; employeeLeaveDateTime: string | null }[] } }) =>
      answer.body.value.find((user) => user.userPrincipalName === TYPICAL_PRACTICE_ACCOUNTS.leaverWithLeaveDate);
    expect(leaver(await call(simulatedCredential(typical), path))?.employeeLeaveDateTime).toBe('2026-10-21T12:00:00Z');
    expect(leaver(await call(withRoles(typical, ['User.Read.All']), path))?.employeeLeaveDateTime).toBeNull();
  });
});

describe('GET /users signInActivity', () => {
  it('caps pages at 120 users when signInActivity is selected, as Graph documents', async () => {
    const { pages } = await allPages(simulatedCredential(large), '/users?$select=id,signInActivity&$top=999');
    expect(pages[0]!.body.value).toHaveLength(120);
    expect(pages.reduce((sum, page) => sum + page.body.value.length, 0)).toBe(large.users.length);
  });

  it('serves the six documented signInActivity properties', async () => {
    const answer = await call(simulatedCredential(typical), '/users?$select=userPrincipalName,signInActivity&$top=1');
    expect(Object.keys(answer.body.value[0].signInActivity).sort()).toEqual([
      'lastNonInteractiveSignInDateTime',
      'lastNonInteractiveSignInRequestId',
      'lastSignInDateTime',
      'lastSignInRequestId',
      'lastSuccessfulSignInDateTime',
      'lastSuccessfulSignInRequestId',
    ]);
  });

  it('leaves signInActivity out for a user who never signed in', async () => {
    const answer = await call(simulatedCredential(neverSignedIn), '/users?$select=id,signInActivity&$top=2');
    expect(answer.body.value[0]).toEqual({ id: neverSignedIn.users[0]!.id });
    expect(answer.body.value[1].signInActivity).toBeDefined();
  });

  it('needs AuditLog.Read.All: 403 Authentication_MSGraphPermissionMissing', async () => {
    expectGraphError(
      await call(withRoles(typical, ['User.Read.All']), '/users?$select=id,signInActivity'),
      403,
      'Authentication_MSGraphPermissionMissing',
      'The principal does not have required Microsoft Graph permission(s): AuditLog.Read.All to call this API.',
    );
  });

  it('needs Entra ID P1: 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant', async () => {
    expectGraphError(
      await call(simulatedCredential(noPremium), '/users?$select=id,signInActivity'),
      403,
      'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
      "Neither tenant is B2C or tenant doesn't have premium license",
    );
  });

  it('serves the list without signInActivity to a tenant without P1', async () => {
    expect((await call(simulatedCredential(noPremium), '/users?$select=id,accountEnabled')).status).toBe(200);
  });
});

describe('GET /users permissions and query options', () => {
  it('needs a user-reading permission: 403 Authorization_RequestDenied', async () => {
    expectGraphError(
      await call(withRoles(typical, ['Policy.Read.All']), '/users'),
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
  });

  it('accepts Directory.Read.All for the list', async () => {
    expect((await call(withRoles(typical, ['Directory.Read.All']), '/users?$select=id')).status).toBe(200);
  });

  it('refuses an unknown $ option with 400, ignores custom parameters and accepts options without $', async () => {
    expectGraphError(await call(simulatedCredential(typical), '/users?$sellect=id'), 400, 'BadRequest', "The query parameter '$sellect' is not supported.");
    expect((await call(simulatedCredential(typical), '/users?select=id&foo=bar')).body.value[0]).toEqual({ id: typical.users[0]!.id });
  });

  it('refuses an option given twice', async () => {
    expectGraphError(await call(simulatedCredential(typical), '/users?$top=5&top=6'), 400, 'BadRequest', /specified more than once/);
  });

  it('says plainly when a real Graph option is not simulated', async () => {
    expectGraphError(await call(simulatedCredential(typical), "/users?$filter=accountEnabled eq false"), 501, 'SimulatorNotImplemented');
  });

  it('adds @odata.count only with ConsistencyLevel: eventual, and otherwise ignores $count=true', async () => {
    const counted = await call(simulatedCredential(typical), '/users?$count=true&$top=1', { headers: { ConsistencyLevel: 'eventual' } });
    expect(counted.body['@odata.count']).toBe(typical.users.length);
    expect((await call(simulatedCredential(typical), '/users?$count=true&$top=1')).body['@odata.count']).toBeUndefined();
  });
});
