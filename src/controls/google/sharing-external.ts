import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import { SETTING_TYPES } from '../../datasets/google-constants.js';
import { count } from '../lib/text.js';
import { describeSource, type EffectiveSetting, judgingScope, UNPLACED_NOTE } from './lib/org-unit-policies.js';

/**
 * Google's values for Drive sharing fields nobody set. The Policy API leaves unset settings out, and
 * Google's "Default field values" list (https://cloud.google.com/identity/docs/concepts/policy-api-concepts#default_field_values,
 * as copied into CISA ScubaGoggles' policy_api.py) gives `externalSharingMode: ALLOWED`,
 * `warnForExternalSharing: true` and `allowPublishingFiles: true`. The Admin help says the same in
 * words: an account "is initially set up so users can share files outside of your organization"
 * (https://support.google.com/a/answer/60781). So an OU nobody configured allows external sharing
 * and "anyone with the link", and fails.
 */
export const DRIVE_SHARING_DEFAULTS = {
  externalSharingMode: 'ALLOWED',
  warnForExternalSharing: true,
  allowPublishingFiles: true,
} as const;

/** `externalSharingMode` values: off, allowlisted domains only, or anyone outside the organisation. */
const SHARING_MODES = ['DISALLOWED', 'ALLOWLISTED_DOMAINS', 'ALLOWED'] as const;
type SharingMode = (typeof SHARING_MODES)[number];

type OrgUnitVerdict = 'pass' | 'warn' | 'fail' | 'unreadable';

interface OrgUnitSharing {
  path: string;
  activeUsers: number;
  externalSharingMode: string | null;
  warnForExternalSharing: boolean | null;
  allowPublishingFiles: boolean | null;
  allowNonGoogleInvites: boolean | null;
  source: string;
  verdict: OrgUnitVerdict;
  /** What the verdict rests on, for a practice manager. */
  detail: string;
}

/** A field of the effective value, or Google's default when the value lacks it; `invalid` when it has the wrong type. */
function field<T extends string | boolean>(setting: EffectiveSetting, name: string, fallback: T, valid: (value: unknown) => value is T): T | 'invalid' {
  const value = setting.value?.[name];
  if (value === undefined) return fallback;
  return valid(value) ? value : 'invalid';
}
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isMode = (value: unknown): value is SharingMode => typeof value === 'string' && (SHARING_MODES as readonly string[]).includes(value);

/**
 * The verdict for one OU's effective Drive sharing value (Admin help "Manage external sharing for
 * your organization", https://support.google.com/a/answer/60781):
 * - DISALLOWED: files cannot be shared outside the organisation at all → pass (the publishing
 *   field is moot: Google's label scopes it to "when sharing outside of your organization is allowed").
 * - ALLOWLISTED_DOMAINS: only the allowlisted (trusted) domains → pass; but if `allowPublishingFiles`
 *   is still on → warn (CISA's GWS.DRIVEDOCS.1.5 counts it for every OU that allows any external
 *   sharing; whether it takes effect under an allowlist is not documented).
 * - ALLOWED: anyone outside → fail when files can be made visible to anyone with the link
 *   (`allowPublishingFiles`) or when users are not warned (`warnForExternalSharing`, GWS.DRIVEDOCS.1.3);
 *   with the warning on and publishing off → pass: each file goes to a named person who must sign in
 *   (or verify a code), as with Microsoft 365's "new and existing guests", and the issue's criteria
 *   count a warning as enough. CISA's baseline is stricter (it wants allowlists); the evidence says so.
 */
function judge(path: string, activeUsers: number, setting: EffectiveSetting): OrgUnitSharing {
  const mode = field(setting, 'externalSharingMode', DRIVE_SHARING_DEFAULTS.externalSharingMode as SharingMode, isMode);
  const warns = field(setting, 'warnForExternalSharing', DRIVE_SHARING_DEFAULTS.warnForExternalSharing as boolean, isBoolean);
  const publishing = field(setting, 'allowPublishingFiles', DRIVE_SHARING_DEFAULTS.allowPublishingFiles as boolean, isBoolean);
  const nonGoogle = setting.value?.['allowNonGoogleInvites'];
  const base = {
    path,
    activeUsers,
    externalSharingMode: mode === 'invalid' ? String(setting.value?.['externalSharingMode']) : mode,
    warnForExternalSharing: warns === 'invalid' ? null : warns,
    allowPublishingFiles: publishing === 'invalid' ? null : publishing,
    allowNonGoogleInvites: typeof nonGoogle === 'boolean' ? nonGoogle : null,
    source: describeSource(setting),
  };
  if (mode === 'invalid') return { ...base, verdict: 'unreadable', detail: `sharing mode "${base.externalSharingMode}" is not one tenant-audit knows` };
  if (mode === 'DISALLOWED') return { ...base, verdict: 'pass', detail: 'sharing outside the organisation is off' };
  if (publishing === 'invalid' || (mode === 'ALLOWED' && warns === 'invalid')) {
    return { ...base, verdict: 'unreadable', detail: 'the publishing or warning setting has a value that is not true or false' };
  }
  if (mode === 'ALLOWLISTED_DOMAINS') {
    return publishing
      ? { ...base, verdict: 'warn', detail: 'sharing limited to allowlisted domains, but the "anyone with the link" publishing setting is still on' }
      : { ...base, verdict: 'pass', detail: 'sharing limited to allowlisted domains' };
  }
  const problems = [
    ...(publishing ? ['files can be made visible to anyone with the link'] : []),
    ...(warns ? [] : ['no warning before sharing outside']),
  ];
  if (problems.length > 0) return { ...base, verdict: 'fail', detail: `sharing outside the organisation allowed; ${problems.join('; ')}` };
  return { ...base, verdict: 'pass', detail: 'sharing outside the organisation allowed to named people, with a warning each time' };
}

const TYPES = [SETTING_TYPES.driveExternalSharing] as const;

/**
 * Drive files cannot leave the practice unchecked: in every organisational unit with active users,
 * sharing outside the organisation is off or limited to allowlisted domains (pass), or allowed with
 * a warning and without "anyone with the link" (warn). Allowed without the warning, or with
 * publishing to anyone with the link, fails; so does an OU nobody configured (Google's defaults).
 * Reads `settings/drive_and_docs.external_sharing`, resolved per OU.
 */
export const googleSharingExternal = defineControl({
  meta: {
    id: 'google.sharing.external',
    provider: 'google-workspace',
    title: 'Drive files cannot be shared outside the practice unchecked',
    severity: 'high',
    hipaa: ['164.312(a)(1)', '164.308(a)(4)'],
    references: [
      'https://support.google.com/a/answer/60781',
      'https://support.google.com/a/answer/6160020',
      'https://cloud.google.com/identity/docs/concepts/supported-policy-api-settings',
      'https://cloud.google.com/identity/docs/concepts/policy-api-concepts#default_field_values',
      'CISA SCuBA GWS.DRIVEDOCS.1.1, 1.3, 1.5',
    ],
    datasets: ['google.users', 'google.orgUnits', 'google.policies'],
    remediation:
      'In the Google Admin console go to Apps > Google Workspace > Drive and Docs > Sharing settings > Sharing options. Select the top-level organisational unit and set "Sharing outside of your organisation" to OFF, or to ALLOWLISTED DOMAINS (after adding the partners you share patient files with under Account > Domains > Allowlisted domains). If some staff must share with anyone, allow it only for their organisational unit, keep "Warn when files owned by users or shared drives are shared outside" ticked and untick "users can make files and published web content visible to anyone with the link". Click Save, and check that no organisational unit listed here overrides the top level.',
  },
  evaluate: ({ data }) => {
    const scope = judgingScope(data, TYPES, {
      noUsers: 'No active users were found, so Drive sharing could not be checked.',
      notCollected: 'The policies snapshot did not include the Drive sharing setting, so external sharing could not be checked.',
      unplaced: 'Drive sharing',
    });
    if ('outcome' in scope) return scope.outcome;
    const { byOu, total, resolver } = scope;
    const unplaced = { ignored: scope.ignored };

    const orgUnits = [...byOu.entries()].map(([path, members]) => judge(path, members.length, resolver.effective(SETTING_TYPES.driveExternalSharing, path)));
    const groupScoped = resolver.groupScoped(SETTING_TYPES.driveExternalSharing).map(({ policy, group }) => {
      const verdict = judge(group, 0, { orgUnitPath: group, settingType: SETTING_TYPES.driveExternalSharing, value: policy.setting.value ?? {}, source: 'set-here' });
      return { policy: policy.name, group, verdict: verdict.verdict, detail: verdict.detail };
    });
    const facts = {
      ...(unplaced.ignored.length ? { ignoredPolicies: unplaced.ignored, ignoredPoliciesNote: UNPLACED_NOTE } : {}),
      total,
      defaultsAssumed: { ...DRIVE_SHARING_DEFAULTS, source: 'https://cloud.google.com/identity/docs/concepts/policy-api-concepts#default_field_values' },
      orgUnits,
      ...(groupScoped.length ? { groupScopedPolicies: groupScoped } : {}),
    };
    const item = (ou: OrgUnitSharing): AffectedItem => ({
      type: 'orgUnit',
      id: ou.path,
      name: ou.path,
      detail: `${ou.detail} (${ou.source}); ${count(ou.activeUsers, 'active user')}`,
    });
    const of = (verdict: OrgUnitVerdict) => orgUnits.filter((ou) => ou.verdict === verdict);
    const usersIn = (units: readonly OrgUnitSharing[]) => count(units.reduce((sum, ou) => sum + ou.activeUsers, 0), 'active user');
    const ous = count(orgUnits.length, 'organisational unit');
    const failing = of('fail');
    const unreadable = of('unreadable');
    const warning = of('warn');

    if (failing.length > 0) {
      const fromDefault = failing.some((ou) => ou.source === 'Google default');
      return {
        status: 'fail',
        summary: `In ${failing.length} of ${ous} with active users (${usersIn(failing)}), Drive files can be shared outside the practice without a warning or made visible to anyone with the link${fromDefault ? "; Google's default, used where nobody changed the setting, allows both" : ''}.`,
        evidence: evidenceOf([...failing, ...unreadable, ...warning].map(item), facts),
      };
    }
    if (unreadable.length > 0) {
      return {
        status: 'not_assessed',
        summary: `The Drive sharing setting of ${count(unreadable.length, 'organisational unit')} could not be read.`,
        evidence: evidenceOf(unreadable.map(item), facts),
        reason: { kind: 'schema', detail: `unreadable drive_and_docs.external_sharing values: ${unreadable.map((ou) => `${ou.path} (${ou.detail})`).join('; ')}` },
      };
    }
    if (warning.length > 0) {
      const allowed = warning.filter((ou) => ou.externalSharingMode === 'ALLOWED');
      const allowlisted = warning.filter((ou) => ou.externalSharingMode === 'ALLOWLISTED_DOMAINS');
      const sentences = [
        ...(allowed.length
          ? [`In ${allowed.length} of ${ous} with active users (${usersIn(allowed)}), Drive files can be shared with anyone outside the practice, with a warning each time.`]
          : []),
        ...(allowlisted.length
          ? [`In ${allowlisted.length} of ${ous} with active users (${usersIn(allowlisted)}), sharing is limited to allowlisted domains but the "anyone with the link" publishing setting is still on.`]
          : []),
      ];
      return { status: 'warn', summary: sentences.join(' '), evidence: evidenceOf(warning.map(item), facts) };
    }
    const looseGroups = groupScoped.filter((group) => group.verdict !== 'pass');
    if (looseGroups.length > 0) {
      return {
        status: 'warn',
        summary: `Drive sharing outside the practice is off or limited to allowlisted domains in every organisational unit with active users, but ${count(looseGroups.length, 'group-scoped policy', 'group-scoped policies')} may let ${looseGroups.length === 1 ? 'its' : 'their'} members share more widely.`,
        evidence: evidenceOf(
          looseGroups.map((group) => ({ type: 'policy', id: group.policy, name: group.group, detail: group.detail })),
          { ...facts, groupScopedNote: 'Group settings override organisational unit settings; group membership is not collected, so who these policies reach is unknown.' },
        ),
      };
    }
    const warned = orgUnits.filter((ou) => ou.externalSharingMode === 'ALLOWED');
    const warnedText = warned.length
      ? ` (in ${warned.length} of them, ${usersIn(warned)}, files can be shared with named people outside, with a warning each time)`
      : '';
    return {
      status: 'pass',
      summary: `Drive sharing outside the practice is ${warned.length ? 'off, limited to allowlisted domains, or allowed only with a warning' : 'off or limited to allowlisted domains'} in ${orgUnits.length === 1 ? 'the 1 organisational unit' : `all ${ous}`} with active users${warnedText}, and files cannot be made visible to anyone with the link.`,
      evidence: evidenceOf([], facts),
    };
  },
});
