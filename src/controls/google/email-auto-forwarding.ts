import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import { SETTING_TYPES } from '../../datasets/google-constants.js';
import { count } from '../lib/text.js';
import { describeSource, judgingScope, UNPLACED_NOTE } from './lib/org-unit-policies.js';

/**
 * Gmail's automatic forwarding when nobody set it: on. "By default, Gmail lets users automatically
 * forward incoming mail to another address" (Disable automatic forwarding,
 * https://support.google.com/a/answer/2491924); Google's Policy API "Default field values" list
 * (https://cloud.google.com/identity/docs/concepts/policy-api-concepts#default_field_values, as
 * copied into CISA ScubaGoggles' policy_api.py) gives `enableAutoForwarding: true`.
 */
export const DEFAULT_AUTO_FORWARDING = true;

const TYPES = [SETTING_TYPES.gmailAutoForwarding] as const;

/** "/Clinical (3 active users), /Front Desk (1 active user)": OUs and how many people each holds. */
function namesWithUsers(units: readonly { path: string; activeUsers: number }[], shown = 5): string {
  const listed = units.slice(0, shown).map((ou) => `${ou.path} (${count(ou.activeUsers, 'active user')})`);
  return listed.join(', ') + (units.length > shown ? ` and ${units.length - shown} more` : '');
}

/**
 * Gmail users cannot set up automatic forwarding of their mail to another address: Gmail's
 * "Allow users to automatically forward email to another address" (`settings/gmail.auto_forwarding`
 * `enableAutoForwarding`) is off in every organisational unit with active users. With it off,
 * "users don't see the forwarding option in their Gmail settings, and any existing forwarding rules
 * or filters no longer forward messages". Unset means Google's default, on.
 */
export const googleEmailAutoForwarding = defineControl({
  meta: {
    id: 'google.email.auto-forwarding',
    provider: 'google-workspace',
    title: 'Gmail users cannot automatically forward mail to outside addresses',
    severity: 'high',
    hipaa: ['164.312(e)(1)'],
    references: [
      'https://support.google.com/a/answer/2491924',
      'https://cloud.google.com/identity/docs/concepts/supported-policy-api-settings',
      'https://cloud.google.com/identity/docs/concepts/policy-api-concepts#default_field_values',
      'CISA SCuBA GWS.GMAIL.11.1',
    ],
    datasets: ['google.users', 'google.orgUnits', 'google.policies'],
    remediation:
      'In the Google Admin console go to Apps > Google Workspace > Gmail > End User Access > Automatic forwarding. Select the top-level organisational unit, untick "Allow users to automatically forward email to another address" and click Save; then make sure no organisational unit listed here overrides it (click Inherit). Existing forwarding rules stop at once. Where mail must reach another mailbox, use delegation or a Google Group inside the practice rather than forwarding.',
  },
  evaluate: ({ data }) => {
    const scope = judgingScope(data, TYPES, {
      noUsers: 'No active users were found, so automatic forwarding could not be checked.',
      notCollected: 'The policies snapshot did not include the Gmail automatic forwarding setting, so it could not be checked.',
      unplaced: 'Automatic forwarding',
    });
    if ('outcome' in scope) return scope.outcome;
    const { byOu, total, resolver } = scope;
    const unplaced = { ignored: scope.ignored };

    const orgUnits = [...byOu.entries()].map(([path, members]) => {
      const effective = resolver.effective(SETTING_TYPES.gmailAutoForwarding, path);
      const raw = effective.value?.['enableAutoForwarding'];
      const enabled = raw === undefined ? DEFAULT_AUTO_FORWARDING : typeof raw === 'boolean' ? raw : null;
      return { path, activeUsers: members.length, enableAutoForwarding: enabled, ...(enabled === null ? { unreadableValue: String(raw) } : {}), source: describeSource(effective) };
    });
    const groupScoped = resolver.groupScoped(SETTING_TYPES.gmailAutoForwarding).map(({ policy, group }) => {
      const raw = policy.setting.value?.['enableAutoForwarding'];
      return { policy: policy.name, group, enableAutoForwarding: raw === undefined ? DEFAULT_AUTO_FORWARDING : typeof raw === 'boolean' ? raw : null };
    });
    const facts = {
      ...(unplaced.ignored.length ? { ignoredPolicies: unplaced.ignored, ignoredPoliciesNote: UNPLACED_NOTE } : {}),
      total,
      defaultAssumed: { enableAutoForwarding: DEFAULT_AUTO_FORWARDING, source: 'https://support.google.com/a/answer/2491924' },
      orgUnits,
      ...(groupScoped.length ? { groupScopedPolicies: groupScoped } : {}),
    };
    const item = (ou: (typeof orgUnits)[number]): AffectedItem => ({
      type: 'orgUnit',
      id: ou.path,
      name: ou.path,
      detail: `${ou.enableAutoForwarding === null ? `automatic forwarding value "${ou.unreadableValue}" could not be read` : 'automatic forwarding on'} (${ou.source}); ${count(ou.activeUsers, 'active user')}`,
    });
    const on = orgUnits.filter((ou) => ou.enableAutoForwarding === true);
    const unreadable = orgUnits.filter((ou) => ou.enableAutoForwarding === null);
    const ous = count(orgUnits.length, 'organisational unit');

    if (on.length > 0) {
      const people = on.reduce((sum, ou) => sum + ou.activeUsers, 0);
      const fromDefault = on.some((ou) => ou.source === 'Google default');
      return {
        status: 'fail',
        summary: `Users can automatically forward their mail to any address, including outside the practice, in ${on.length} of ${ous} with active users (${count(people, 'active user')}): ${namesWithUsers(on)}${fromDefault ? ". Where nobody changed the setting, Google's default allows it" : ''}.`,
        evidence: evidenceOf([...on, ...unreadable].map(item), facts),
      };
    }
    if (unreadable.length > 0) {
      return {
        status: 'not_assessed',
        summary: `The automatic forwarding setting of ${count(unreadable.length, 'organisational unit')} could not be read.`,
        evidence: evidenceOf(unreadable.map(item), facts),
        reason: { kind: 'schema', detail: `unreadable enableAutoForwarding: ${unreadable.map((ou) => `${ou.path} "${ou.unreadableValue}"`).join('; ')}` },
      };
    }
    const allowingGroups = groupScoped.filter((group) => group.enableAutoForwarding !== false);
    if (allowingGroups.length > 0) {
      return {
        status: 'warn',
        summary: `Automatic forwarding is off in every organisational unit with active users, but ${count(allowingGroups.length, 'group-scoped policy', 'group-scoped policies')} may turn it on for ${allowingGroups.length === 1 ? 'its' : 'their'} members.`,
        evidence: evidenceOf(
          allowingGroups.map((group) => ({
            type: 'policy',
            id: group.policy,
            name: group.group,
            detail: group.enableAutoForwarding === null ? 'automatic forwarding value could not be read' : "automatic forwarding on for the group's members",
          })),
          { ...facts, groupScopedNote: 'Group membership is not collected, so who these policies reach is unknown.' },
        ),
      };
    }
    return {
      status: 'pass',
      summary: `Automatic forwarding is off in ${orgUnits.length === 1 ? 'the 1 organisational unit' : `all ${ous}`} with active users.`,
      evidence: evidenceOf([], facts),
    };
  },
});
