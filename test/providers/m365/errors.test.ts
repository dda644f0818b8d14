import { describe, expect, it } from 'vitest';
import { reasonFromError, NON_PREMIUM_CODE } from '../../../src/providers/m365/errors.js';
import { GraphRequestError } from '../../../src/providers/m365/graph-errors.js';
import { collectUsers, collectConditionalAccess } from '../../../src/providers/m365/collectors.js';

describe('Graph error mapping', () => {
  it('maps the non-premium code to a licence reason whatever the message says', () => {
    for (const message of ["Neither tenant is B2C or tenant doesn't have premium license", 'Tenant does not have a SKU required for this operation.']) {
      const reason = reasonFromError(new GraphRequestError({ status: 403, code: NON_PREMIUM_CODE, message }), collectConditionalAccess.requirements);
      expect(reason).toMatchObject({ kind: 'license', needs: ['Microsoft Entra ID P1'] });
    }
  });

  it('maps Authorization_RequestDenied to the permissions the collector declared as required', () => {
    const reason = reasonFromError(
      new GraphRequestError({ status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.', requestId: 'r-1' }),
      collectUsers.requirements,
    );
    expect(reason.kind).toBe('permission');
    expect(reason.needs).toEqual(['Graph application permission User.Read.All', 'Graph application permission User-LifeCycleInfo.Read.All']);
    expect(reason.requestId).toBe('r-1');
  });

  it('names exactly the permission Graph says is missing', () => {
    const reason = reasonFromError(
      new GraphRequestError({
        status: 403,
        code: 'Authentication_MSGraphPermissionMissing',
        message: 'The principal does not have required Microsoft Graph permission(s): AuditLog.Read.All to call this API.',
      }),
      collectUsers.requirements,
    );
    expect(reason).toMatchObject({ kind: 'permission', needs: ['Graph application permission AuditLog.Read.All'] });
  });

  it('keeps any other answer as an api reason with status and code', () => {
    const reason = reasonFromError(new GraphRequestError({ status: 500, code: 'generalException', message: 'boom' }), []);
    expect(reason).toMatchObject({ kind: 'api', status: 500, code: 'generalException' });
  });
});
