import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { CollectorFailure } from '../../../src/providers/types.js';
import { datasetSchemas } from '../../../src/datasets/index.js';
import { policiesFilter } from '../../../src/providers/google/collectors.js';
import { GOOGLE_POLICY_SETTING_TYPES } from '../../../src/datasets/google-constants.js';
import { ACCESS_TOKEN, authTarget, baseContext, failureOf, googleError, pageOf, runDataset, serveGoogle, NOW } from './helpers.js';
import { AuditMemo } from '../../../src/core/audit-memo.js';

const server = serveGoogle();
const DIRECTORY = 'https://admin.googleapis.com/admin/directory/v1';

function user(index: number) {
  return {
    kind: 'admin#directory#user',
    id: String(100_000_000_000_000_000_000n + BigInt(index)),
    primaryEmail: `user${index}@practice.example`,
    name: { givenName: 'User', familyName: String(index) },
    suspended: index % 10 === 0,
    archived: false,
    isAdmin: index === 0,
    isEnrolledIn2Sv: index % 3 !== 0,
    isEnforcedIn2Sv: index % 2 === 0,
    lastLoginTime: index % 7 === 0 ? '1970-01-01T00:00:00.000Z' : '2026-11-18T08:00:00.000Z',
    creationTime: '2024-01-05T10:00:00.000Z',
    orgUnitPath: index % 4 === 0 ? '/Front Desk' : '/',
    recoveryEmail: `secret${index}@personal.example`,
  };
}

/** Answers users.list as Directory does: pages by pageToken, and only the fields the mask names. */
function usersHandler(count: number) {
  const all = Array.from({ length: count }, (_, index) => user(index));
  return http.get(`${DIRECTORY}/users`, ({ request }) => {
    const query = new URL(request.url).searchParams;
    const size = Number(query.get('maxResults') ?? 100);
    const page = pageOf(all, size, query.get('pageToken'));
    const mask = /users\(([^)]*)\)/.exec(query.get('fields') ?? '')?.[1]?.split(',');
    const users = mask ? page.items.map((item) => Object.fromEntries(mask.filter((field) => field in item).map((field) => [field, item[field as keyof typeof item]]))) : page.items;
    return HttpResponse.json({ users, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) });
  });
}

describe('google.users', () => {
  it('reads every page with the largest page size, the basic projection and a fields mask of the fields used', async () => {
    server.use(usersHandler(1_234));
    const { data, requests } = await runDataset('google.users');
    const users = datasetSchemas['google.users'].parse(data).users;
    expect(users).toHaveLength(1_234);
    expect(new Set(users.map((u) => u.primaryEmail)).size).toBe(1_234);
    expect(requests).toBe(3);
    const seen = server.requests.map((request) => request.url.searchParams);
    expect(seen).toHaveLength(3);
    expect(seen[0]!.get('customer')).toBe('my_customer');
    expect(seen[0]!.get('maxResults')).toBe('500');
    expect(seen[0]!.get('projection')).toBe('basic');
    expect(seen[0]!.get('fields')).toBe(
      'nextPageToken,users(id,primaryEmail,aliases,nonEditableAliases,suspended,archived,isAdmin,isEnrolledIn2Sv,isEnforcedIn2Sv,lastLoginTime,creationTime,orgUnitPath)',
    );
    expect(seen.map((query) => query.get('pageToken'))).toEqual([null, 'p1', 'p2']);
    expect(server.requests.every((request) => request.authorization === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
    expect(users[7]).toEqual({
      id: '100000000000000000007',
      primaryEmail: 'user7@practice.example',
      suspended: false,
      archived: false,
      isAdmin: false,
      isEnrolledIn2Sv: true,
      isEnforcedIn2Sv: false,
      lastLoginTime: '1970-01-01T00:00:00.000Z',
      creationTime: '2024-01-05T10:00:00.000Z',
      orgUnitPath: '/',
    });
  });

  it('makes requests in proportion to pages, not users', async () => {
    server.use(usersHandler(499));
    expect((await runDataset('google.users')).requests).toBe(1);
    server.use(usersHandler(5_000));
    expect((await runDataset('google.users')).requests).toBe(10);
  });

  it('asks for an explicit customer id when the target names one', async () => {
    server.use(usersHandler(3));
    await runDataset('google.users', authTarget({ customerId: 'C03az79cb' }));
    expect(server.requests[0]!.url.searchParams.get('customer')).toBe('C03az79cb');
  });
});

describe('google.orgUnits', () => {
  const units = [
    { orgUnitId: 'id:03ph8a2z0root', orgUnitPath: '/', name: 'Cedar Creek Pediatrics' },
    { orgUnitId: 'id:03ph8a2z1front', orgUnitPath: '/Front Desk', name: 'Front Desk', parentOrgUnitId: 'id:03ph8a2z0root', parentOrgUnitPath: '/' },
    { orgUnitId: 'id:03ph8a2z2nurse', orgUnitPath: '/Clinical/Nurses', name: 'Nurses', parentOrgUnitId: 'id:03ph8a2z3clin', parentOrgUnitPath: '/Clinical' },
    { orgUnitId: 'id:03ph8a2z3clin', orgUnitPath: '/Clinical', name: 'Clinical', parentOrgUnitId: 'id:03ph8a2z0root', parentOrgUnitPath: '/' },
  ];

  it('lists every OU and the top-level one in one call', async () => {
    server.use(
      http.get(`${DIRECTORY}/customer/my_customer/orgunits`, ({ request }) => {
        const type = new URL(request.url).searchParams.get('type');
        return HttpResponse.json({ organizationUnits: type === 'allIncludingParent' ? units : units.slice(1) });
      }),
    );
    const { data, requests } = await runDataset('google.orgUnits');
    const parsed = datasetSchemas['google.orgUnits'].parse(data);
    expect(requests).toBe(1);
    expect(server.requests[0]!.url.searchParams.get('type')).toBe('allIncludingParent');
    expect(parsed.rootOrgUnitId).toBe('id:03ph8a2z0root');
    expect(parsed.orgUnits.map((unit) => unit.orgUnitPath).sort()).toEqual(['/', '/Clinical', '/Clinical/Nurses', '/Front Desk']);
  });

  it('derives the top-level OU from its children when the answer leaves it out', async () => {
    server.use(http.get(`${DIRECTORY}/customer/my_customer/orgunits`, () => HttpResponse.json({ organizationUnits: units.slice(1) })));
    const parsed = datasetSchemas['google.orgUnits'].parse((await runDataset('google.orgUnits')).data);
    expect(parsed.rootOrgUnitId).toBe('id:03ph8a2z0root');
    expect(parsed.orgUnits[0]).toEqual({ orgUnitId: 'id:03ph8a2z0root', orgUnitPath: '/' });
  });

  it('says so in a note when no answer names the top-level OU', async () => {
    server.use(http.get(`${DIRECTORY}/customer/my_customer/orgunits`, () => HttpResponse.json({})));
    const context = baseContext();
    const parsed = datasetSchemas['google.orgUnits'].parse((await runDataset('google.orgUnits', authTarget(), context)).data);
    expect(parsed).toEqual({ orgUnits: [] });
    expect(context.notes.join(' ')).toMatch(/top-level organisational unit id is unknown/);
  });
});

describe('google.policies', () => {
  const POLICIES = 'https://cloudidentity.googleapis.com/v1/policies';
  const policy = (index: number, type: string) => ({
    name: `policies/a${index}`,
    customer: 'customers/C03az79cb',
    policyQuery: { orgUnit: 'orgUnits/03ph8a2z0root', query: "entity.org_units.exists(org_unit, org_unit.org_unit_id == orgUnitId('03ph8a2z0root'))", sortOrder: 1 },
    setting: { type, value: { enforcedFrom: '2025-01-01T00:00:00Z' } },
    type: 'ADMIN',
  });

  it('reads every setting type with one filter joined by ||, 100 a page, to the last page', async () => {
    const all = Array.from({ length: 230 }, (_, index) => policy(index, GOOGLE_POLICY_SETTING_TYPES[index % GOOGLE_POLICY_SETTING_TYPES.length]!));
    server.use(
      http.get(POLICIES, ({ request }) => {
        const query = new URL(request.url).searchParams;
        const page = pageOf(all, Math.min(Number(query.get('pageSize') ?? 50), 100), query.get('pageToken'));
        return HttpResponse.json({ policies: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) });
      }),
    );
    const { data, requests } = await runDataset('google.policies');
    const parsed = datasetSchemas['google.policies'].parse(data);
    expect(parsed.policies).toHaveLength(230);
    expect(parsed.settingTypes).toEqual([...GOOGLE_POLICY_SETTING_TYPES]);
    expect(requests).toBe(3);
    const query = server.requests[0]!.url.searchParams;
    expect(query.get('pageSize')).toBe('100');
    expect(query.get('filter')).toBe(
      'customer == "customers/my_customer" && (' +
        "setting.type.matches('^settings/security\\\\.two_step_verification_enrollment$') || " +
        "setting.type.matches('^settings/security\\\\.two_step_verification_enforcement$') || " +
        "setting.type.matches('^settings/security\\\\.two_step_verification_enforcement_factor$') || " +
        "setting.type.matches('^settings/security\\\\.session_controls$') || " +
        "setting.type.matches('^settings/rule\\\\.dlp$') || " +
        "setting.type.matches('^settings/drive_and_docs\\\\.external_sharing$') || " +
        "setting.type.matches('^settings/gmail\\\\.auto_forwarding$'))",
    );
    // Every later page repeats the filter, as the Policy API requires with a page token.
    expect(server.requests.every((request) => request.url.searchParams.get('filter') === query.get('filter'))).toBe(true);
  });

  it('falls back to one call per setting type when the service refuses the combined filter', async () => {
    server.use(
      http.get(POLICIES, ({ request }) => {
        const filter = new URL(request.url).searchParams.get('filter') ?? '';
        if (filter.includes('||')) return googleError(400, 'Invalid filter', { status: 'INVALID_ARGUMENT' });
        const type = GOOGLE_POLICY_SETTING_TYPES.find((candidate) => filter === policiesFilter('my_customer', [candidate]));
        return HttpResponse.json(type ? { policies: [policy(1, type)] } : {});
      }),
    );
    const context = baseContext();
    const { data, requests } = await runDataset('google.policies', authTarget(), context);
    const parsed = datasetSchemas['google.policies'].parse(data);
    expect(parsed.policies.map((p) => p.setting.type)).toEqual([...GOOGLE_POLICY_SETTING_TYPES]);
    expect(requests).toBe(1 + GOOGLE_POLICY_SETTING_TYPES.length);
    expect(context.notes).toEqual(['the Policy API refused a filter combining setting types with ||, so each type was read in its own call']);
  });
});

describe('google.loginActivity', () => {
  const REPORTS = 'https://admin.googleapis.com/admin/reports/v1/activity/users/all/applications/login';
  const activity = (index: number, time: string) => ({
    kind: 'admin#reports#activity',
    id: { time, uniqueQualifier: String(index), applicationName: 'login', customerId: 'C03az79cb' },
    actor: { email: index % 2 ? 'frontdesk@practice.example' : 'dr.lee@practice.example', profileId: '1' },
    ipAddress: `203.0.113.${index % 250}`,
    networkInfo: { ipAsn: [64500 + (index % 3)], regionCode: 'US', subdivisionCode: 'US-OR' },
    events: [{ type: 'login', name: index % 5 ? 'login_success' : 'login_failure', parameters: [{ name: 'login_type', value: 'google_password' }] }],
  });

  it('reads login events since the lookback, 1000 a page, flattened with the network info', async () => {
    const events = Array.from({ length: 1_500 }, (_, index) => activity(index, new Date(NOW.getTime() - index * 60_000).toISOString()));
    server.use(
      http.get(REPORTS, ({ request }) => {
        const query = new URL(request.url).searchParams;
        const page = pageOf(events, Number(query.get('maxResults') ?? 1000), query.get('pageToken'));
        return HttpResponse.json({ items: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) });
      }),
    );
    const { data, requests } = await runDataset('google.loginActivity', authTarget(), baseContext({ signInLookbackDays: 30 }));
    const parsed = datasetSchemas['google.loginActivity'].parse(data);
    expect(requests).toBe(2);
    const query = server.requests[0]!.url.searchParams;
    expect(query.get('maxResults')).toBe('1000');
    expect(query.get('eventName')).toBe('login_success');
    expect(query.get('startTime')).toBe('2026-10-21T12:00:00.000Z');
    expect(query.get('fields')).toBe('nextPageToken,items(id(time),actor(email),ipAddress,networkInfo(ipAsn,regionCode,subdivisionCode),events(name))');
    expect(parsed.since).toBe('2026-10-21T12:00:00.000Z');
    expect(parsed.truncated).toBe(false);
    expect(parsed.events).toHaveLength(1_500);
    expect(parsed.events[5]).toEqual({
      time: '2026-11-20T11:55:00.000Z',
      email: 'frontdesk@practice.example',
      eventName: 'login_failure',
      ipAddress: '203.0.113.5',
      regionCode: 'US',
      subdivisionCode: 'US-OR',
      ipAsn: [64502],
    });
    expect(parsed.oldestEventTime).toBe(new Date(NOW.getTime() - 1_499 * 60_000).toISOString());
  });

  it('never asks for more than the 180 days Google keeps (less an hour\'s margin), and says so', async () => {
    server.use(http.get(REPORTS, () => HttpResponse.json({ items: [] })));
    const context = baseContext({ signInLookbackDays: 400 });
    const parsed = datasetSchemas['google.loginActivity'].parse((await runDataset('google.loginActivity', authTarget(), context)).data);
    expect(server.requests[0]!.url.searchParams.get('startTime')).toBe('2026-05-24T13:00:00.000Z');
    expect(parsed).toEqual({ since: '2026-05-24T13:00:00.000Z', events: [], truncated: false });
    expect(context.notes[0]).toMatch(/180 days at most/);
  });

  it('stops after a bounded number of pages and marks the data truncated', async () => {
    let served = 0;
    server.use(
      http.get(REPORTS, () => {
        served += 1;
        return HttpResponse.json({ items: [activity(served, '2026-11-19T00:00:00.000Z')], nextPageToken: `p${served}` });
      }),
    );
    const context = baseContext();
    const { data, requests } = await runDataset('google.loginActivity', authTarget(), context);
    const parsed = datasetSchemas['google.loginActivity'].parse(data);
    expect(requests).toBe(20);
    expect(parsed.truncated).toBe(true);
    expect(context.notes.join(' ')).toMatch(/stopped after 20 pages/);
  });
});

describe('google.mobileDevices', () => {
  it('reads every page of 100 devices with the FULL projection narrowed by a fields mask', async () => {
    const devices = Array.from({ length: 150 }, (_, index) => ({
      kind: 'admin#directory#mobiledevice',
      resourceId: `AFiQxQ8${index}`,
      deviceId: `android-${index}`,
      email: [`user${index}@practice.example`],
      model: 'Pixel 8',
      os: 'Android 15',
      type: 'ANDROID',
      status: 'APPROVED',
      encryptionStatus: index % 2 ? 'Encrypted' : 'Unencrypted',
      lastSync: '2026-11-19T10:00:00.000Z',
    }));
    server.use(
      http.get(`${DIRECTORY}/customer/my_customer/devices/mobile`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        const page = pageOf(devices, Number(query.get('maxResults') ?? 100), query.get('pageToken'));
        return HttpResponse.json({ mobiledevices: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) });
      }),
    );
    const { data, requests } = await runDataset('google.mobileDevices');
    const parsed = datasetSchemas['google.mobileDevices'].parse(data);
    expect(requests).toBe(2);
    const query = server.requests[0]!.url.searchParams;
    expect(query.get('maxResults')).toBe('100');
    expect(query.get('projection')).toBe('FULL');
    expect(query.get('fields')).toBe('nextPageToken,mobiledevices(resourceId,deviceId,email,model,os,type,status,encryptionStatus,lastSync,serialNumber)');
    expect(parsed.devices).toHaveLength(150);
    expect(parsed.devices[1]).toMatchObject({ resourceId: 'AFiQxQ81', email: ['user1@practice.example'], encryptionStatus: 'Encrypted' });
  });
});

describe('google.licenses and google.customer', () => {
  const customer = { kind: 'admin#directory#customer', id: 'C03az79cb', customerDomain: 'practice.example', customerCreationTime: '2019-03-01T00:00:00.000Z' };
  const LICENSING = 'https://licensing.googleapis.com/apps/licensing/v1/product/Google-Apps/users';
  const ADD_ONS = 'https://licensing.googleapis.com/apps/licensing/v1/product/:productId/users';
  /** Every add-on product answers an empty list, as listForProduct does for a product nobody holds. */
  const emptyAddOns = http.get(ADD_ONS, () => HttpResponse.json({ kind: 'licensing#licenseAssignmentList' }));

  it('reads the customer id and primary domain with a fields mask', async () => {
    server.use(http.get(`${DIRECTORY}/customers/my_customer`, () => HttpResponse.json(customer)));
    const { data, requests } = await runDataset('google.customer');
    expect(data).toEqual({ id: 'C03az79cb', customerDomain: 'practice.example' });
    expect(requests).toBe(1);
    expect(server.requests[0]!.url.searchParams.get('fields')).toBe('id,customerDomain');
  });

  it('resolves my_customer to the customer id the Licensing API documents, then reads every page of 1000', async () => {
    const assignments = Array.from({ length: 1_100 }, (_, index) => ({
      kind: 'licensing#licenseAssignment',
      productId: 'Google-Apps',
      skuId: index % 2 ? '1010020028' : '1010020027',
      userId: `user${index}@practice.example`,
      productName: 'Google Workspace',
      skuName: index % 2 ? 'Google Workspace Business Standard' : 'Google Workspace Business Starter',
      selfLink: 'https://licensing.googleapis.com/...',
      etags: '"abc"',
    }));
    server.use(
      http.get(`${DIRECTORY}/customers/my_customer`, () => HttpResponse.json(customer)),
      http.get(LICENSING, ({ request }) => {
        const query = new URL(request.url).searchParams;
        if (query.get('customerId') !== 'C03az79cb') return googleError(400, 'Invalid customerId', { reason: 'invalid' });
        const page = pageOf(assignments, Number(query.get('maxResults') ?? 100), query.get('pageToken'));
        return HttpResponse.json({ kind: 'licensing#licenseAssignmentList', items: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) });
      }),
      emptyAddOns,
    );
    const { data, requests } = await runDataset('google.licenses');
    const parsed = datasetSchemas['google.licenses'].parse(data);
    // customers.get, two pages of editions, one request per add-on product.
    expect(requests).toBe(1 + 2 + 8);
    expect(parsed.products).toEqual(['Google-Apps', '101033', 'Google-Vault', '101034', '101047', '101068', '101038', '101005', '101040']);
    expect(parsed.assignments).toHaveLength(1_100);
    expect(parsed.assignments[1]).toEqual({
      productId: 'Google-Apps',
      skuId: '1010020028',
      userId: 'user1@practice.example',
      productName: 'Google Workspace',
      skuName: 'Google Workspace Business Standard',
    });
    const licensing = server.requests.filter((request) => request.url.host === 'licensing.googleapis.com');
    expect(licensing[0]!.url.searchParams.get('maxResults')).toBe('1000');
    expect(licensing[0]!.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
  });

  it('uses an explicit customer id directly, without customers.get', async () => {
    server.use(http.get(LICENSING, () => HttpResponse.json({ items: [] })), emptyAddOns);
    const { requests } = await runDataset('google.licenses', authTarget({ customerId: 'C03az79cb' }));
    expect(requests).toBe(9);
    expect(server.requests.every((request) => request.url.searchParams.get('customerId') === 'C03az79cb')).toBe(true);
  });

  it('lists the add-on products too, one paged call each: a suspended leaver\'s Google Voice licence (101033) is seen', async () => {
    server.use(
      http.get(ADD_ONS, ({ params }) =>
        HttpResponse.json(
          params.productId === '101033'
            ? { kind: 'licensing#licenseAssignmentList', items: [{ kind: 'licensing#licenseAssignment', productId: '101033', skuId: '1010330004', userId: 'left@practice.example', productName: 'Google Voice', skuName: 'Google Voice Standard' }] }
            : { kind: 'licensing#licenseAssignmentList' },
        ),
      ),
    );
    const { data } = await runDataset('google.licenses', authTarget({ customerId: 'C03az79cb' }));
    const parsed = datasetSchemas['google.licenses'].parse(data);
    expect(parsed.assignments).toEqual([{ productId: '101033', skuId: '1010330004', userId: 'left@practice.example', productName: 'Google Voice', skuName: 'Google Voice Standard' }]);
    expect(server.requests.map((request) => decodeURIComponent(request.url.pathname.split('/')[5]!))).toEqual([
      'Google-Apps', '101033', 'Google-Vault', '101034', '101047', '101068', '101038', '101005', '101040',
    ]);
  });

  it('skips an add-on product Google refuses as not available to the customer, and notes it', async () => {
    server.use(
      http.get(ADD_ONS, ({ params }) =>
        params.productId === '101040' ? googleError(403, 'Not Authorized to access this resource/api', { reason: 'forbidden' }) : HttpResponse.json({ kind: 'licensing#licenseAssignmentList' }),
      ),
    );
    const context = baseContext();
    const { data } = await runDataset('google.licenses', authTarget({ customerId: 'C03az79cb' }), context);
    const parsed = datasetSchemas['google.licenses'].parse(data);
    expect(parsed.products).not.toContain('101040');
    expect(parsed.productsNotListed).toEqual([{ productId: '101040', detail: '403 forbidden' }]);
    expect(context.notes).toEqual(['Chrome Enterprise Premium (product 101040) was not listed: Google answered 403 forbidden, as it does for a product the customer does not have']);
  });

  it('a refused Workspace edition list, or a missing scope on an add-on, still fails the dataset', async () => {
    server.use(http.get(ADD_ONS, ({ params }) => (params.productId === 'Google-Apps' ? googleError(403, 'Not Authorized to access this resource/api', { reason: 'forbidden' }) : HttpResponse.json({}))));
    expect((await failureOf(runDataset('google.licenses', authTarget({ customerId: 'C03az79cb' })))).reason.kind).toBe('permission');
    server.use(
      http.get(ADD_ONS, ({ params }) =>
        params.productId === '101033' ? googleError(403, 'Request had insufficient authentication scopes.', { reason: 'insufficientPermissions' }) : HttpResponse.json({}),
      ),
    );
    expect((await failureOf(runDataset('google.licenses', authTarget({ customerId: 'C03az79cb' })))).reason.detail).toContain('lacks the scope');
  });
});

describe('google.mailDns', () => {
  const customerHandler = http.get(`${DIRECTORY}/customers/my_customer`, () => HttpResponse.json({ id: 'C03az79cb', customerDomain: 'practice.example' }));

  it('keeps the MTA-STS and TLS-RPT records of the primary domain, joining split TXT strings', async () => {
    server.use(customerHandler);
    const asked: string[] = [];
    const resolveTxt = async (name: string) => {
      asked.push(name);
      if (name === '_mta-sts.practice.example') return [['v=STSv1; id=2026', '1101T00'], ['unrelated=1']];
      return [['v=TLSRPTv1; rua=mailto:tls@practice.example']];
    };
    const { data } = await runDataset('google.mailDns', authTarget(), baseContext(), { resolveTxt });
    expect(datasetSchemas['google.mailDns'].parse(data)).toEqual({
      domain: 'practice.example',
      mtaSts: ['v=STSv1; id=20261101T00'],
      tlsRpt: ['v=TLSRPTv1; rua=mailto:tls@practice.example'],
    });
    expect(asked.sort()).toEqual(['_mta-sts.practice.example', '_smtp._tls.practice.example']);
  });

  it('treats a name without TXT records as no record', async () => {
    server.use(customerHandler);
    const resolveTxt = async () => {
      throw Object.assign(new Error('queryTxt ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const { data } = await runDataset('google.mailDns', authTarget(), baseContext(), { resolveTxt });
    expect(data).toEqual({ domain: 'practice.example', mtaSts: [], tlsRpt: [] });
  });

  it('fails cleanly with an api reason when DNS does not answer', async () => {
    server.use(customerHandler);
    const resolveTxt = async () => {
      throw Object.assign(new Error('queryTxt ETIMEOUT'), { code: 'ETIMEOUT' });
    };
    const failure = await runDataset('google.mailDns', authTarget(), baseContext(), { resolveTxt }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CollectorFailure);
    expect((failure as CollectorFailure).reason).toMatchObject({ kind: 'api', code: 'ETIMEOUT' });
    expect((failure as CollectorFailure).reason.detail).toMatch(/^DNS did not answer for _(mta-sts|smtp\._tls)\.practice\.example/);
    expect((failure as CollectorFailure).cost.requests).toBe(1);
  });
});

describe('google.devices (Cloud Identity Devices API)', () => {
  const DEVICES = 'https://cloudidentity.googleapis.com/v1/devices';

  it('reads every page of 100 with the user-assigned view and a fields mask, phones and computers alike', async () => {
    const devices = Array.from({ length: 230 }, (_, index) => ({
      name: `devices/b5b1dcd3-${String(index).padStart(4, '0')}`,
      deviceType: index % 3 === 0 ? 'WINDOWS' : index % 3 === 1 ? 'MAC_OS' : 'ANDROID',
      encryptionState: index % 7 === 0 ? 'NOT_ENCRYPTED' : 'ENCRYPTED',
      managementState: 'APPROVED',
      ownerType: 'COMPANY',
      lastSyncTime: '2026-11-19T10:15:30.123Z',
      model: 'MacBookPro18,3',
      imei: '356938035643809',
    }));
    server.use(
      http.get(DEVICES, ({ request }) => {
        const query = new URL(request.url).searchParams;
        const page = pageOf(devices, Number(query.get('pageSize') ?? 20), query.get('pageToken'));
        return HttpResponse.json({ devices: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) });
      }),
    );
    const { data, requests } = await runDataset('google.devices');
    const parsed = datasetSchemas['google.devices'].parse(data);
    expect(requests).toBe(3);
    expect(parsed.devices).toHaveLength(230);
    expect(parsed.devices[7]).toEqual({
      name: 'devices/b5b1dcd3-0007',
      deviceType: 'MAC_OS',
      encryptionState: 'NOT_ENCRYPTED',
      managementState: 'APPROVED',
      ownerType: 'COMPANY',
      lastSyncTime: '2026-11-19T10:15:30.123Z',
      model: 'MacBookPro18,3',
    });
    const query = server.requests[0]!.url.searchParams;
    expect(query.get('customer')).toBe('customers/my_customer');
    expect(query.get('view')).toBe('USER_ASSIGNED_DEVICES');
    expect(query.get('pageSize')).toBe('100');
    expect(query.get('fields')).toBe('nextPageToken,devices(name,deviceType,encryptionState,managementState,ownerType,lastSyncTime,model,osVersion,serialNumber,hostname)');
  });

  it('names the scope to delegate when the token lacks it', async () => {
    server.use(http.get(DEVICES, () => googleError(403, 'Request had insufficient authentication scopes.', { status: 'PERMISSION_DENIED', errorInfo: { reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' } })));
    const failure = await failureOf(runDataset('google.devices'));
    expect(failure.reason.kind).toBe('permission');
    expect(failure.reason.needs).toEqual(['Google OAuth scope https://www.googleapis.com/auth/cloud-identity.devices.readonly']);
  });

  it('says a super administrator is needed when the caller lacks permission', async () => {
    server.use(http.get(DEVICES, () => googleError(403, 'The caller does not have permission', { status: 'PERMISSION_DENIED' })));
    const failure = await failureOf(runDataset('google.devices', authTarget({ subject: 'helpdesk@practice.example' })));
    expect(failure.reason.detail).toBe(
      'Google refused access (403 PERMISSION_DENIED: The caller does not have permission): helpdesk@practice.example must be a super administrator: Google documents no narrower admin privilege for this Cloud Identity API, so impersonate a super administrator',
    );
  });
});

describe('google.inboundSso', () => {
  const CLOUD_IDENTITY = 'https://cloudidentity.googleapis.com/v1';

  it('reads the assignments and both kinds of profile, filtered to the customer, 100 a page', async () => {
    const assignment = {
      name: 'inboundSsoAssignments/aQzAzeW12NXN1LU8wM3BoOGEyejJkdms1dHM',
      customer: 'customers/C03az79cb',
      targetOrgUnit: 'orgUnits/03ph8a2z2dvk5ts',
      ssoMode: 'SAML_SSO',
      samlSsoInfo: { inboundSamlSsoProfile: 'inboundSamlSsoProfiles/039do9ad3sc7k74' },
      signInBehavior: { redirectCondition: 'NEVER' },
    };
    const assignments = [assignment, ...Array.from({ length: 120 }, (_, index) => ({ ...assignment, name: `inboundSsoAssignments/g${index}`, targetOrgUnit: undefined, targetGroup: `groups/0${index}`, rank: index + 1 }))];
    server.use(
      http.get(`${CLOUD_IDENTITY}/inboundSsoAssignments`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        const page = pageOf(assignments, Number(query.get('pageSize')), query.get('pageToken'));
        return HttpResponse.json({ inboundSsoAssignments: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) });
      }),
      http.get(`${CLOUD_IDENTITY}/inboundSamlSsoProfiles`, () =>
        HttpResponse.json({ inboundSamlSsoProfiles: [{ name: 'inboundSamlSsoProfiles/039do9ad3sc7k74', customer: 'customers/C03az79cb', displayName: 'Okta', idpConfig: { entityId: 'http://www.okta.com/exk1abcd', singleSignOnServiceUri: 'https://example.okta.com/app/google/exk1abcd/sso/saml' } }] }),
      ),
      http.get(`${CLOUD_IDENTITY}/inboundOidcSsoProfiles`, () => HttpResponse.json({})),
    );
    const { data, requests } = await runDataset('google.inboundSso');
    const parsed = datasetSchemas['google.inboundSso'].parse(data);
    expect(requests).toBe(4);
    expect(parsed.assignments).toHaveLength(121);
    expect(parsed.assignments[0]).toEqual(assignment);
    expect(parsed.samlProfiles.map((profile) => profile.displayName)).toEqual(['Okta']);
    expect(parsed.oidcProfiles).toEqual([]);
    for (const request of server.requests) {
      expect(request.url.searchParams.get('filter')).toBe('customer=="customers/my_customer"');
      expect(request.url.searchParams.get('pageSize')).toBe('100');
    }
  });
});

describe('the customer, once per audit', () => {
  it('customers.get is asked once however many datasets need the customer', async () => {
    let asked = 0;
    server.use(
      http.get(`${DIRECTORY}/customers/my_customer`, () => {
        asked++;
        return HttpResponse.json({ id: 'C03az79cb', customerDomain: 'practice.example' });
      }),
      http.get('https://licensing.googleapis.com/apps/licensing/v1/product/:productId/users', () => HttpResponse.json({})),
    );
    const shared = new AuditMemo();
    const context = baseContext({ shared });
    const noDns = { resolveTxt: async () => [] as string[][] };
    const results = await Promise.all([
      runDataset('google.customer', authTarget(), context),
      runDataset('google.licenses', authTarget(), context),
      runDataset('google.mailDns', authTarget(), context, noDns),
    ]);
    expect(asked).toBe(1);
    expect(results[0]!.data).toEqual({ id: 'C03az79cb', customerDomain: 'practice.example' });
    expect(results.reduce((sum, result) => sum + result.requests, 0)).toBe(1 + 9);
  });

  it('a failed customers.get is asked again when the dataset is read again', async () => {
    let asked = 0;
    server.use(
      http.get(`${DIRECTORY}/customers/my_customer`, () => {
        asked++;
        return asked === 1 ? googleError(400, 'Bad Request', { reason: 'badRequest' }) : HttpResponse.json({ id: 'C03az79cb', customerDomain: 'practice.example' });
      }),
    );
    const context = baseContext({ shared: new AuditMemo() });
    await failureOf(runDataset('google.customer', authTarget(), context));
    expect((await runDataset('google.customer', authTarget(), context)).data).toEqual({ id: 'C03az79cb', customerDomain: 'practice.example' });
    expect(asked).toBe(2);
  });
});
