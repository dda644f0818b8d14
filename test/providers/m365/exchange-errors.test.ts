import { describe, expect, it } from 'vitest';
import { ExchangeRequestError, type ExchangeFailure } from '../../../src/providers/m365/exchange-errors.js';
import { appRolesOf } from '../../../src/providers/m365/token-claims.js';
import { collectSharedMailboxes } from '../../../src/providers/m365/exchange-collectors.js';
import { reasonFromError } from '../../../src/providers/m365/errors.js';
import { appToken } from './exchange-fakes.js';

const PERMISSION = 'needs the Exchange.ManageAsApp application permission on Office 365 Exchange Online';
const ROLE = 'needs an Entra role such as Global Reader for the app';

const refused = (failure: Partial<ExchangeFailure>) =>
  reasonFromError(
    new ExchangeRequestError({ status: 401, code: 'Unauthorized', message: 'Access denied', cmdlet: 'Get-Mailbox', endpoint: 'exchange', ...failure }),
    collectSharedMailboxes.requirements,
  );

describe('Exchange error mapping', () => {
  it('a tenant without Exchange Online (AADSTS500011 for its resource) is a licence reason, without Entra\'s changing trace text', () => {
    const message =
      'AADSTS500011: The resource principal named https://outlook.office365.com was not found in the tenant named Lakeside Dental. Trace ID: 0b7c Correlation ID: 9a1f Timestamp: 2026-12-05 10:00:00Z';
    const reason = refused({ status: 0, code: 'TokenUnavailable', message });
    expect(reason.kind).toBe('license');
    expect(reason.detail).toContain('the tenant has no Exchange Online service');
    expect(reason.detail).not.toContain('Trace ID');
    expect(reason.needs?.[0]).toMatch(/^an Exchange Online licence/);
    expect(refused({ status: 0, code: 'TokenUnavailable', message: 'AADSTS7000215: Invalid client secret provided.' }).kind).toBe('api');
  });

  it('names the Exchange.ManageAsApp permission when the refused token does not carry it', () => {
    const reason = refused({ tokenRoles: [], requestId: 'req-1' });
    expect(reason).toMatchObject({ kind: 'permission', status: 401, code: 'Unauthorized', requestId: 'req-1' });
    expect(reason.detail.startsWith(PERMISSION)).toBe(true);
    expect(reason.detail).toContain('Get-Mailbox');
    expect(reason.needs).toEqual(['Exchange.ManageAsApp application permission on Office 365 Exchange Online (with admin consent)']);
  });

  it('names the Entra role when the token carries Exchange.ManageAsApp and is still refused', () => {
    const reason = refused({ status: 403, code: 'Forbidden', tokenRoles: ['Exchange.ManageAsApp'] });
    expect(reason).toMatchObject({ kind: 'permission', status: 403 });
    expect(reason.detail.startsWith(ROLE)).toBe(true);
    expect(reason.needs).toEqual(['Entra role Global Reader (or another role Exchange Online accepts) assigned to the app']);
  });

  it("reads Exchange's own wording when the token cannot tell (an opaque or delegated token)", () => {
    const reason = refused({ message: 'User is not allowed to call Get-Mailbox' });
    expect(reason.detail.startsWith(ROLE)).toBe(true);
  });

  it('reads a 403 from an opaque token as a missing role (Exchange answers 403 when only the role is missing)', () => {
    const reason = refused({ status: 403, code: 'HTTP403', message: '' });
    expect(reason.detail.startsWith(ROLE)).toBe(true);
  });

  it('names both when nothing tells them apart', () => {
    const reason = refused({});
    expect(reason.needs).toHaveLength(2);
    expect(reason.detail).toContain('Exchange.ManageAsApp application permission on Office 365 Exchange Online');
    expect(reason.detail).toContain('Global Reader');
  });

  it('blames the compliance grant when compliance refused and Exchange could not stand in', () => {
    const reason = reasonFromError(
      new ExchangeRequestError({
        status: 400,
        code: 'BadRequest',
        message: "The term 'Get-DlpCompliancePolicy' is not recognized",
        cmdlet: 'Get-DlpCompliancePolicy',
        endpoint: 'exchange',
        complianceRefusal: { status: 401, code: 'Unauthorized', message: '', cmdlet: 'Get-DlpCompliancePolicy', endpoint: 'compliance', tokenRoles: [] },
      }),
      [],
    );
    expect(reason.kind).toBe('permission');
    expect(reason.needs).toEqual(['Exchange.ManageAsApp application permission on Microsoft Exchange Online Protection (with admin consent)']);
    expect(reason.detail).toContain('Security & Compliance answered Get-DlpCompliancePolicy with 401');
    expect(reason.detail).toContain('Exchange Online answered Get-DlpCompliancePolicy with 400');
  });

  it('keeps any other answer as an api reason with its status', () => {
    const reason = refused({ status: 500, code: 'InternalServerError', message: 'boom' });
    expect(reason).toMatchObject({ kind: 'api', status: 500, code: 'InternalServerError' });
    expect(reason.detail).toBe('Exchange Online answered Get-Mailbox with 500 InternalServerError: boom');
  });

  it('maps a timeout and a cancellation like Graph does', () => {
    expect(reasonFromError(new DOMException('timed out', 'TimeoutError'), []).kind).toBe('api');
    expect(reasonFromError(new DOMException('aborted', 'AbortError'), []).kind).toBe('cancelled');
  });
});

describe('Reading the roles of a token', () => {
  it('reads the roles claim of an app-only JWT', () => {
    expect(appRolesOf(appToken('https://outlook.office365.com/.default', ['Exchange.ManageAsApp']))).toEqual(['Exchange.ManageAsApp']);
  });

  it('reads an app-only token without roles as no roles', () => {
    expect(appRolesOf(appToken('https://outlook.office365.com/.default', undefined))).toEqual([]);
  });

  it('cannot tell from an opaque or a delegated token', () => {
    expect(appRolesOf('opaque')).toBeUndefined();
    const delegated = `e30.${Buffer.from(JSON.stringify({ scp: 'Exchange.Manage', idtyp: 'user' })).toString('base64url')}.x`;
    expect(appRolesOf(delegated)).toBeUndefined();
  });
});
