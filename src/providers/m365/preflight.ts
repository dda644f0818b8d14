import { TenantAccessError } from '../../core/errors.js';
import type { DatasetTypes } from '../../datasets/index.js';
import type { PreflightCheck, PreflightOptions } from '../types.js';
import { checkM365Access } from './access.js';
import { GraphSession } from './graph-client.js';
import { runM365Collector } from './run.js';
import { preflightContext, preflightReason } from '../preflight-context.js';
import type { M365Target } from './target.js';

/** Service plans that give Microsoft Entra ID P1 (P2 includes P1). */
const ENTRA_P1_PLANS = ['AAD_PREMIUM', 'AAD_PREMIUM_P2'];
/** Service plans that give Microsoft Intune. */
const INTUNE_PLANS = ['INTUNE_A', 'INTUNE_A_D', 'INTUNE_A_VL', 'INTUNE_EDU', 'INTUNE_SMBIZ'];
/**
 * `tenant-audit check m365`: the token (consent, right tenant), the Graph application permissions
 * in it, the Exchange role (two cheap cmdlets), and the licences (GET /subscribedSkus): about five
 * requests in all.
 */
export async function m365Preflight(target: M365Target, options: PreflightOptions): Promise<PreflightCheck[]> {
  const checks: PreflightCheck[] = [];
  try {
    await checkM365Access(target, options);
    checks.push({ name: 'consent', status: 'ok', detail: `the app signs in to ${target.tenantId} and its token is for that tenant` });
  } catch (error) {
    if (!(error instanceof TenantAccessError)) throw error;
    checks.push({ name: 'consent', status: 'fail', detail: `${error.kind}: ${error.message}` });
    return checks;
  }

  const graph = new GraphSession({ credential: target.credential, tenantId: target.tenantId, timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
  const roles = await graph.appRoles();
  const graphPermissions = options.requirements.filter((r) => r.kind === 'graph-application-permission');
  const wanted = graphPermissions.filter((r) => !r.optional).map((r) => r.name).sort();
  const optional = graphPermissions.filter((r) => r.optional).map((r) => r.name).sort();
  if (roles === undefined) {
    checks.push({ name: 'Graph permissions', status: 'warn', detail: 'the token does not show its permissions (not an app-only JWT); `tenant-audit permissions m365` lists what to grant' });
  } else {
    const missing = wanted.filter((permission) => !roles.includes(permission));
    const missingOptional = optional.filter((permission) => !roles.includes(permission));
    checks.push(
      missing.length === 0
        ? { name: 'Graph permissions', status: 'ok', detail: `all ${wanted.length} granted (${wanted.join(', ')})` }
        : {
            name: 'Graph permissions',
            status: 'fail',
            detail: `not granted: ${missing.join(', ')}; the controls that need them would be not assessed. Add them as application permissions and grant admin consent (a broader permission such as Directory.Read.All may stand in for some)`,
          },
    );
    if (missingOptional.length) {
      checks.push({ name: 'optional evidence', status: 'warn', detail: `not granted: ${missingOptional.join(', ')}; the audit runs without them and says which supporting evidence it could not read` });
    }
  }

  try {
    await runM365Collector('m365.auditConfig', target, preflightContext(options));
    checks.push({ name: 'Exchange role', status: 'ok', detail: 'the Exchange Online admin API answers the app (Exchange.ManageAsApp and a directory role such as Global Reader are in place)' });
  } catch (error) {
    checks.push({ name: 'Exchange role', status: 'fail', detail: preflightReason(error) });
  }

  try {
    const { data } = await runM365Collector('m365.subscribedSkus', target, preflightContext(options));
    const skus = (data as DatasetTypes['m365.subscribedSkus']).skus.filter((sku) => sku.capabilityStatus === 'Enabled' || sku.capabilityStatus === 'Warning');
    const plans = new Set(skus.flatMap((sku) => sku.servicePlans.filter((plan) => plan.provisioningStatus !== 'Disabled').map((plan) => plan.servicePlanName)));
    const entra = ENTRA_P1_PLANS.filter((plan) => plans.has(plan));
    checks.push(
      entra.length
        ? { name: 'Entra ID P1/P2', status: 'ok', detail: `licensed (${entra.join(', ')})` }
        : { name: 'Entra ID P1/P2', status: 'fail', detail: 'no Entra ID P1 or P2 licence: Conditional Access, sign-in logs and the MFA registration report are unavailable (e.g. Microsoft 365 Business Premium includes P1)' },
    );
    const intune = INTUNE_PLANS.filter((plan) => plans.has(plan));
    checks.push(
      intune.length
        ? { name: 'Intune', status: 'ok', detail: `licensed (${intune.join(', ')})` }
        : { name: 'Intune', status: 'warn', detail: 'no Microsoft Intune licence: device encryption cannot be read from managed devices' },
    );
  } catch (error) {
    checks.push({ name: 'licences', status: 'fail', detail: preflightReason(error) });
  }
  return checks;
}
