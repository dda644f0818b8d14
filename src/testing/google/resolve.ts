import type { GooglePolicyModel, GoogleWorkspaceModel } from './model.js';

/**
 * How Google applies Policy API settings to an OU, for the simulator's own derived values (a
 * user's `isEnforcedIn2Sv`): walk up from the OU to the top level, and at the nearest level that
 * has a policy of the setting type use the one with the highest `sortOrder` (ScubaGoggles'
 * reduction, after Google's "Policy API concepts" page). A policy without `policyQuery.orgUnit`
 * counts as top level; group-scoped policies are ignored.
 */

/** `'id:03ph8a2z'` → `'orgUnits/03ph8a2z'`, the form policies use. */
export function policyOrgUnitName(orgUnitId: string): string {
  return `orgUnits/${orgUnitId.replace(/^id:/, '')}`;
}

/** The OU paths from `path` up to `'/'`, nearest first. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter((part) => part !== '');
  const chain: string[] = [];
  for (let length = parts.length; length > 0; length--) chain.push(`/${parts.slice(0, length).join('/')}`);
  chain.push('/');
  return chain;
}

function appliesAt(policy: GooglePolicyModel, model: GoogleWorkspaceModel, path: string): boolean {
  if (policy.policyQuery.group !== undefined && policy.policyQuery.group !== '') return false;
  const orgUnit = policy.policyQuery.orgUnit;
  if (path === '/') return orgUnit === undefined || orgUnit === policyOrgUnitName(model.rootOrgUnit.orgUnitId);
  const unit = model.orgUnits.find((candidate) => candidate.orgUnitPath.toLowerCase() === path.toLowerCase());
  return unit !== undefined && orgUnit === policyOrgUnitName(unit.orgUnitId);
}

/** The value in effect for `settingType` at `orgUnitPath`, or `undefined` when unset (Google's default applies). */
export function effectivePolicyValue(model: GoogleWorkspaceModel, orgUnitPath: string, settingType: string): Record<string, unknown> | undefined {
  const candidates = model.policies.filter((policy) => policy.setting.type === settingType);
  for (const path of ancestorPaths(orgUnitPath)) {
    const here = candidates.filter((policy) => appliesAt(policy, model, path));
    if (here.length === 0) continue;
    here.sort((a, b) => (b.policyQuery.sortOrder ?? 1) - (a.policyQuery.sortOrder ?? 1));
    return here[0]?.setting.value;
  }
  return undefined;
}

/**
 * Whether 2-Step Verification is enforced for users of `orgUnitPath` at `now`: enrolment allowed
 * (default: allowed) and `enforcedFrom` set, after the epoch (Google writes Off as
 * `1970-01-01T00:00:00Z`) and not in the future (absent: not enforced).
 */
export function isTwoStepEnforcedAt(model: GoogleWorkspaceModel, orgUnitPath: string, now: Date): boolean {
  const enrollment = effectivePolicyValue(model, orgUnitPath, 'settings/security.two_step_verification_enrollment');
  if (enrollment?.['allowEnrollment'] === false) return false;
  const enforcement = effectivePolicyValue(model, orgUnitPath, 'settings/security.two_step_verification_enforcement');
  const from = enforcement?.['enforcedFrom'];
  if (typeof from !== 'string') return false;
  const time = Date.parse(from);
  return Number.isFinite(time) && time > 0 && time <= now.getTime();
}

/** The model's clock: its `clock`, or real time. */
export function modelNow(model: Pick<GoogleWorkspaceModel, 'clock'>): Date {
  return model.clock === undefined ? new Date() : new Date(model.clock);
}
