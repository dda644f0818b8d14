import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import { SETTING_TYPES, WORKSPACE_PRODUCT_ID } from '../../datasets/google-constants.js';
import { count } from '../lib/text.js';
import { describeSource, durationSeconds, judgingScope, settingField, UNPLACED_NOTE } from './lib/org-unit-policies.js';

/**
 * Google's web session length when nobody set one: "By default, the web session length for Google
 * services is 14 days" (Set session length for Google services, https://support.google.com/a/answer/7576830).
 */
export const DEFAULT_WEB_SESSION_SECONDS = 14 * 86_400;

/**
 * Editions whose admins cannot change the session length. The same page lists the editions that can:
 * Frontline Standard and Plus; Business Plus; Enterprise Standard and Plus; Education Fundamentals,
 * Standard, Teaching and Learning Upgrade and Plus; Enterprise Essentials Plus; G Suite Business;
 * Cloud Identity Premium. Enterprise Starter is absent from every copy of that list.
 * SKU ids: https://developers.google.com/workspace/admin/licensing/v1/how-tos/products
 */
export const NO_SESSION_CONTROL_SKUS: Readonly<Record<string, string>> = {
  '1010020027': 'Business Starter',
  '1010020028': 'Business Standard',
  '1010020029': 'Enterprise Starter',
  '1010020030': 'Frontline Starter',
  '1010060001': 'Essentials',
  '1010060003': 'Enterprise Essentials',
};

/** "30 minutes", "12 hours", "14 days". */
export function formatSeconds(seconds: number): string {
  if (seconds >= 86_400 && seconds % 86_400 === 0) return count(seconds / 86_400, 'day');
  if (seconds >= 3_600 && seconds % 3_600 === 0) return count(seconds / 3_600, 'hour');
  if (seconds >= 60 && seconds % 60 === 0) return count(seconds / 60, 'minute');
  return count(seconds, 'second');
}

/**
 * Google web sessions end, forcing a new sign-in, no later than `thresholds.sessionHours` (default
 * 12) in every organisational unit that holds active users. The web session duration
 * (`settings/security.session_controls` `webSessionDuration`) is resolved per OU by walking up the OU
 * path; unset means Google's 14-day default. Longer fails. A short enough session is only `warn`:
 * it makes people sign in again after a fixed time, but it is not an automatic logoff after
 * inactivity (164.312(a)(2)(iii), addressable), which Google Workspace web sessions do not offer;
 * devices' screen locks have to provide that. Also `warn` when a group-scoped policy sets a longer
 * session for its members (group membership is not collected).
 */
export const googleSessionLength = defineControl({
  meta: {
    id: 'google.session.length',
    provider: 'google-workspace',
    title: 'Web sessions end within the configured number of hours',
    severity: 'medium',
    hipaa: ['164.312(a)(2)(iii)'],
    references: [
      'https://support.google.com/a/answer/7576830',
      'https://cloud.google.com/identity/docs/concepts/supported-policy-api-settings',
      'https://cloud.google.com/identity/docs/concepts/policy-api-concepts',
    ],
    datasets: ['google.users', 'google.orgUnits', 'google.policies'],
    optionalDatasets: ['google.licenses'],
    remediation:
      'In the Google Admin console (admin.google.com) go to Security > Access and data control > Google session control. Select the top-level organisational unit, set "Web session duration" to 12 hours or less (8 hours suits a clinic shift), and click Save; then make sure no sub-unit listed here overrides it with a longer value. Users pick up the new length the next time they sign in. Session control needs Business Plus, Enterprise, Frontline Standard or Education editions.',
  },
  evaluate: ({ data, options }) => {
    const limitHours = options.thresholds.sessionHours;
    const limit = limitHours * 3_600;
    const scope = judgingScope(data, [SETTING_TYPES.sessionControls], {
      noUsers: 'No active users were found, so session length could not be checked.',
      notCollected: 'The policies snapshot did not include the session control setting, so session length could not be checked.',
      unplaced: 'Session length',
    });
    if ('outcome' in scope) return scope.outcome;
    const { byOu, total, resolver } = scope;
    const unplaced = { ignored: scope.ignored };

    const orgUnits = [...byOu.entries()].map(([path, members]) => {
      const effective = resolver.effective(SETTING_TYPES.sessionControls, path);
      const raw = settingField(effective, 'webSessionDuration');
      const seconds = raw === undefined ? DEFAULT_WEB_SESSION_SECONDS : durationSeconds(raw);
      return { path, activeUsers: members.length, webSessionDuration: raw === undefined ? null : raw, seconds: seconds ?? null, source: describeSource(effective) };
    });
    const tooLong = orgUnits.filter((ou) => ou.seconds !== null && ou.seconds > limit);
    const unreadable = orgUnits.filter((ou) => ou.seconds === null);
    const groupScoped = resolver.groupScoped(SETTING_TYPES.sessionControls).map(({ policy, group }) => {
      const raw = policy.setting.value?.webSessionDuration;
      return { policy: policy.name, group, webSessionDuration: raw ?? null, seconds: raw === undefined ? DEFAULT_WEB_SESSION_SECONDS : (durationSeconds(raw) ?? null) };
    });
    const facts = {
      total,
      limitHours,
      orgUnits,
      ...(groupScoped.length ? { groupScopedPolicies: groupScoped } : {}),
      ...(unplaced.ignored.length ? { ignoredPolicies: unplaced.ignored, ignoredPoliciesNote: UNPLACED_NOTE } : {}),
    };
    const ouItem = (ou: (typeof orgUnits)[number], what: string): AffectedItem => ({
      type: 'orgUnit',
      id: ou.path,
      name: ou.path,
      detail: `${what} (${ou.source}); ${count(ou.activeUsers, 'active user')}`,
    });

    if (tooLong.length > 0) {
      const longest = Math.max(...tooLong.map((ou) => ou.seconds!));
      const fromDefault = tooLong.some((ou) => ou.source === 'Google default');
      const editions = workspaceEditions(data['google.licenses']);
      const locked = editions.length > 0 && editions.every((sku) => sku in NO_SESSION_CONTROL_SKUS);
      const affected = [
        ...tooLong.map((ou) => ouItem(ou, `web sessions last ${formatSeconds(ou.seconds!)}`)),
        ...unreadable.map((ou) => ouItem(ou, `web session duration "${String(ou.webSessionDuration)}" could not be read`)),
      ];
      return {
        status: 'fail',
        summary: `Web sessions last longer than ${count(limitHours, 'hour')} in ${tooLong.length} of ${count(orgUnits.length, 'organisational unit')} with active users (up to ${formatSeconds(longest)}${fromDefault ? ', Google\'s default' : ''}).`,
        evidence: evidenceOf(affected, {
          ...facts,
          ...(locked ? { editionNote: `The licensed editions (${editions.map((sku) => NO_SESSION_CONTROL_SKUS[sku]).join(', ')}) cannot change the session length; it stays at 14 days.` } : {}),
        }),
        ...(locked
          ? {
              remediation: `Your Google Workspace edition (${editions.map((sku) => NO_SESSION_CONTROL_SKUS[sku]).join(', ')}) does not let admins shorten sessions, so they last 14 days. Upgrade to Business Plus or higher (Admin console > Billing > Get more services), then go to Security > Access and data control > Google session control, select the top-level organisational unit and set "Web session duration" to ${limitHours} hours or less. Until then, ask staff to sign out of shared computers.`,
            }
          : {}),
      };
    }

    if (unreadable.length > 0) {
      return {
        status: 'not_assessed',
        summary: `The web session duration of ${count(unreadable.length, 'organisational unit')} could not be read.`,
        evidence: evidenceOf(
          unreadable.map((ou) => ouItem(ou, `web session duration "${String(ou.webSessionDuration)}" could not be read`)),
          facts,
        ),
        reason: { kind: 'schema', detail: `unreadable webSessionDuration: ${unreadable.map((ou) => `${ou.path} "${String(ou.webSessionDuration)}"`).join('; ')}` },
      };
    }

    const longGroups = groupScoped.filter((g) => g.seconds === null || g.seconds > limit);
    if (longGroups.length > 0) {
      return {
        status: 'warn',
        summary: `Web sessions end within ${count(limitHours, 'hour')} in all ${count(orgUnits.length, 'organisational unit')} with active users, but ${count(longGroups.length, 'group-scoped policy', 'group-scoped policies')} may give ${longGroups.length === 1 ? 'its' : 'their'} members longer sessions.`,
        evidence: evidenceOf(
          longGroups.map((g) => ({
            type: 'policy',
            id: g.policy,
            name: g.group,
            detail: g.seconds === null ? `web session duration "${String(g.webSessionDuration)}" could not be read` : `group members' web sessions last ${formatSeconds(g.seconds)}`,
          })),
          { ...facts, groupScopedNote: 'Group membership is not collected, so who these policies reach is unknown.' },
        ),
      };
    }

    // The same screen-lock limit as m365.devices.screen-lock, so both clouds give one answer.
    const idleMinutes = options.thresholds.screenLockMinutes;
    return {
      status: 'warn',
      summary:
        `Web sessions end within ${count(limitHours, 'hour')} in ${orgUnits.length === 1 ? 'the 1 organisational unit' : `all ${count(orgUnits.length, 'organisational unit')}`} with active users, so people must sign in again at least that often. ` +
        `That is not an automatic logoff after inactivity: a session left open on a shared computer stays signed in until then, so computers and phones must lock themselves after ${count(idleMinutes, 'idle minute')} at most.`,
      evidence: evidenceOf([], {
        ...facts,
        screenLockMinutes: idleMinutes,
        automaticLogoffNote:
          "Google's web session length is a re-authentication interval, not an idle timeout; Google Workspace has no idle logoff for web sessions. HIPAA's automatic logoff (164.312(a)(2)(iii)) is addressable: a screen lock after inactivity on every computer and phone, or a documented equivalent, meets it.",
      }),
      remediation: `Keep the web session duration at ${limitHours} hours or less, and make every computer and phone that opens patient information lock itself after at most ${idleMinutes} idle minutes: Windows and macOS screen-lock policies (or your device management tool), Android and iOS screen lock (Admin console > Devices > Mobile & endpoints > Settings, password requirements), and for ChromeOS the idle settings under Devices > Chrome > Settings. Record the screen-lock policy in your HIPAA documentation as your automatic logoff.`,
    };
  },
});

/** Distinct Google Workspace edition SKUs assigned (product `Google-Apps`), when licences were read. */
function workspaceEditions(licenses: { assignments: { productId: string; skuId: string }[] } | undefined): string[] {
  if (!licenses) return [];
  return [...new Set(licenses.assignments.filter((a) => a.productId === WORKSPACE_PRODUCT_ID).map((a) => a.skuId))];
}
