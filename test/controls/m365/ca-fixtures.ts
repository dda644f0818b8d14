import type { BaselineData } from '../../fixtures/m365-baseline.js';
import type { ConditionalAccessPolicy } from '../../../src/datasets/m365.js';
import { GLOBAL_ADMIN_ROLE, baselineData } from '../../fixtures/m365-baseline.js';

// Small helpers for Conditional Access test cases: each test starts from the baseline and
// changes one policy.

/** The baseline policy with this id, for editing in place. */
export function policyIn(data: BaselineData, id: string): ConditionalAccessPolicy {
  const policy = data['m365.conditionalAccess'].policies.find((p) => p.id === id);
  if (!policy) throw new Error(`no policy ${id} in the baseline`);
  return policy;
}

/** Baseline data with one policy changed by `edit`. */
export function withPolicy(id: string, edit: (policy: ConditionalAccessPolicy) => void): BaselineData {
  const data = baselineData();
  edit(policyIn(data, id));
  return data;
}

/** Baseline data without the named policies. */
export function withoutPolicies(...policyIds: string[]): BaselineData {
  const data = baselineData();
  const ca = data['m365.conditionalAccess'];
  ca.policies = ca.policies.filter((p) => !policyIds.includes(p.id));
  return data;
}

/** A copy of a baseline policy under a new id (e.g. to build a second, narrower policy). */
export function copyOfBaselinePolicy(id: string, newId: string, edit: (policy: ConditionalAccessPolicy) => void = () => {}): ConditionalAccessPolicy {
  const policy = structuredClone(policyIn(baselineData(), id));
  policy.id = newId;
  policy.displayName = newId;
  edit(policy);
  return policy;
}

/** The user scope of a policy, created if Graph left it null. */
export function usersOf(policy: ConditionalAccessPolicy) {
  policy.conditions.users ??= {};
  return policy.conditions.users;
}

/** A role-assignable group (Entra) that holds Global Administrator in the role-group cases. */
export const ADMIN_GROUP = 'a0f0a0f0-0000-4000-8000-00000000a002';

/**
 * Global Administrator held through ADMIN_GROUP instead of directly by the admin (the break-glass
 * account keeps its direct assignment): the group's members as collected (`members`), or, with
 * `unread`, the members could not be read and that failure is recorded.
 */
export function withAdminRoleThroughGroup(data: BaselineData, group: { members: string[] } | { unread: string }): BaselineData {
  const assignments = data['m365.roleAssignments'].assignments;
  const direct = assignments.findIndex((assignment) => assignment.id === 'ra-1');
  assignments.splice(direct, 1, { id: 'ra-g', principalId: ADMIN_GROUP, roleDefinitionId: GLOBAL_ADMIN_ROLE, directoryScopeId: '/', principalType: 'group' });
  const ca = data['m365.conditionalAccess'];
  if ('members' in group) ca.groupMembers[ADMIN_GROUP] = group.members;
  else ca.unresolvedGroups.push({ groupId: ADMIN_GROUP, detail: group.unread });
  return data;
}
