import { breakGlassNotFound, breakGlassOf } from '../lib/accounts.js';
import { z } from 'zod';
import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { ActivityTimeoutDataset } from '../../datasets/m365.js';
import { assessCoverage, classifyPolicies, enabledMembers, policyRef, signInFrequencyMinutes, userItem, assignmentsForCoverage, roleAssignmentsNeeded } from './lib/conditional-access.js';
import { capitalize, count, everyOne } from '../lib/text.js';

// The JSON inside an activity-based timeout policy's `definition` strings:
// {"ActivityBasedTimeoutPolicy":{"Version":1,"ApplicationPolicies":[{"ApplicationId":"default","WebSessionIdleTimeout":"01:00:00"}]}}
// https://learn.microsoft.com/graph/api/resources/activitybasedtimeoutpolicy
const TimeoutDefinitionSchema = z.object({
  ActivityBasedTimeoutPolicy: z.object({
    ApplicationPolicies: z.array(z.object({ ApplicationId: z.string(), WebSessionIdleTimeout: z.string() })),
  }),
});

/** Minutes in a .NET timespan `[d.]hh:mm:ss`, or undefined when it is not one. */
export function timespanMinutes(value: string): number | undefined {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [days, hours, minutes, seconds] = [match[1] ?? '0', match[2]!, match[3]!, match[4]!].map(Number) as [number, number, number, number];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return days * 1440 + hours * 60 + minutes + seconds / 60;
}

/** "30 minutes", "1 hour", "7 days". */
export function duration(minutes: number): string {
  if (minutes > 0 && minutes % 1440 === 0) return count(minutes / 1440, 'day');
  if (minutes > 0 && minutes % 60 === 0) return count(minutes / 60, 'hour');
  return count(Math.round(minutes * 100) / 100, 'minute');
}

interface TimeoutEntry {
  policy: ActivityTimeoutDataset['policies'][number];
  applicationId: string;
  minutes: number;
}

/** The idle timeouts the active policy sets, or why its definition could not be read. */
function readTimeouts(policies: ActivityTimeoutDataset['policies']): { entries: TimeoutEntry[] } | { problem: string } {
  const entries: TimeoutEntry[] = [];
  // Only the organization default is in force: "only one can be activated as the organization default".
  for (const policy of policies.filter((p) => p.isOrganizationDefault === true)) {
    for (const definition of policy.definition) {
      let json: unknown;
      try {
        json = JSON.parse(definition);
      } catch {
        return { problem: `policy ${policy.id} has a definition that is not JSON` };
      }
      const parsed = TimeoutDefinitionSchema.safeParse(json);
      if (!parsed.success) return { problem: `policy ${policy.id} has a definition without ActivityBasedTimeoutPolicy.ApplicationPolicies` };
      for (const app of parsed.data.ActivityBasedTimeoutPolicy.ApplicationPolicies) {
        const minutes = timespanMinutes(app.WebSessionIdleTimeout);
        if (minutes === undefined) return { problem: `policy ${policy.id} has an unreadable timeout "${app.WebSessionIdleTimeout}"` };
        entries.push({ policy, applicationId: app.ApplicationId, minutes });
      }
    }
  }
  return { entries };
}

const appLabel = (applicationId: string) => (applicationId.toLowerCase() === 'default' ? 'all web apps (default)' : `app ${applicationId}`);

/**
 * Idle web sessions are signed out automatically: the organization's activity-based timeout
 * policy (Microsoft 365 "Idle session timeout") sets a default web idle timeout no longer than
 * `thresholds.idleTimeoutMinutes`; any timeout above it fails with the value. Without one, a
 * Conditional Access sign-in frequency of at most `thresholds.sessionHours` covering every enabled
 * member and all cloud apps is a `warn`: it forces re-authentication on a fixed interval but does
 * not end an idle session. An unreadable policy definition is `not_assessed` (schema).
 */
export const sessionIdleTimeout = defineControl({
  meta: {
    id: 'm365.session.idle-timeout',
    provider: 'm365',
    title: 'Idle web sessions are signed out automatically',
    severity: 'medium',
    hipaa: ['164.312(a)(2)(iii)'],
    references: [
      'https://learn.microsoft.com/microsoft-365/admin/manage/idle-session-timeout-web-apps',
      'https://learn.microsoft.com/graph/api/resources/activitybasedtimeoutpolicy',
      'https://learn.microsoft.com/entra/identity/conditional-access/concept-session-lifetime',
      'CIS M365 v4.0.0 1.3.2',
    ],
    datasets: ['m365.activityTimeoutPolicies', 'm365.conditionalAccess', 'm365.users'],
    // Role assignments matter only for policies that include roles; without them the rest still counts.
    optionalDatasets: ['m365.roleAssignments'],
    remediation:
      'In the Microsoft 365 admin center (admin.microsoft.com) go to Settings > Org settings > Security & privacy > Idle session timeout, turn on "Turn on to set the period of inactivity for users to be signed off of Microsoft 365 web apps" and choose 1 hour or less (or your practice\'s limit). Shared front-desk and exam-room computers should also lock the screen after a few idle minutes (Windows screen-saver lock or an Intune device policy).',
  },
  evaluate: ({ data, options }) => {
    const limit = options.thresholds.idleTimeoutMinutes;
    const timeouts = readTimeouts(data['m365.activityTimeoutPolicies'].policies);
    if ('problem' in timeouts) {
      return {
        status: 'not_assessed',
        summary: `The idle session timeout policy could not be read: ${timeouts.problem}.`,
        evidence: evidenceOf([], { idleTimeoutLimitMinutes: limit }),
        reason: { kind: 'schema', detail: timeouts.problem },
      };
    }

    const timeoutFacts = timeouts.entries.map((entry) => ({
      policyId: entry.policy.id,
      applicationId: entry.applicationId,
      minutes: entry.minutes,
    }));
    const tooLong = timeouts.entries.filter((entry) => entry.minutes > limit);
    if (tooLong.length > 0) {
      const items: AffectedItem[] = tooLong.map((entry) => ({
        type: 'policy',
        id: entry.policy.id,
        name: entry.policy.displayName ?? entry.policy.id,
        detail: `${appLabel(entry.applicationId)}: signs out after ${duration(entry.minutes)} idle`,
      }));
      return {
        status: 'fail',
        summary: `The idle session timeout is ${duration(tooLong[0]!.minutes)}${tooLong.length > 1 ? ' or more' : ''}, longer than the ${limit}-minute limit.`,
        evidence: evidenceOf(items, { idleTimeoutLimitMinutes: limit, timeouts: timeoutFacts }),
      };
    }
    const byDefault = timeouts.entries.find((entry) => entry.applicationId.toLowerCase() === 'default');
    if (byDefault) {
      return {
        status: 'pass',
        summary: `Idle web sessions are signed out after ${duration(byDefault.minutes)} (limit ${limit} minutes).`,
        evidence: evidenceOf([], { idleTimeoutLimitMinutes: limit, timeouts: timeoutFacts }),
      };
    }

    // No idle timeout: a sign-in frequency for everyone is the closest compensating control.
    const sessionHours = options.thresholds.sessionHours;
    const users = enabledMembers(data['m365.users'].users);
    const conditionalAccess = data['m365.conditionalAccess'];
    const { counting, ignored } = classifyPolicies(conditionalAccess.policies, (policy) => {
      const minutes = signInFrequencyMinutes(policy);
      if (minutes === undefined) return 'it sets no sign-in frequency';
      if (minutes > sessionHours * 60) return `it asks for sign-in again only every ${duration(minutes)}, longer than ${sessionHours} hours`;
      return undefined;
    });
    const roles = assignmentsForCoverage(counting, data['m365.roleAssignments']);
    if ('missing' in roles) return roleAssignmentsNeeded('a sign-in frequency covers everyone', users.length);
    const breakGlass = breakGlassOf(options.breakGlassAccounts, data['m365.conditionalAccess'].groupMembers);
    const coverage = assessCoverage(users, counting, { conditionalAccess, roleAssignments: roles.assignments, breakGlass });
    const intervals = counting.map((policy) => ({ ...policyRef(policy), minutes: signInFrequencyMinutes(policy)! }));
    const facts = {
      total: users.length,
      idleTimeoutLimitMinutes: limit,
      sessionLimitHours: sessionHours,
      timeouts: timeoutFacts,
      signInFrequencyPolicies: intervals,
      ignoredPolicies: ignored,
      breakGlassExcluded: coverage.breakGlass.map(userItem),
      syncAccountsExcluded: coverage.syncExcluded.map(userItem),
      ...breakGlassNotFound(breakGlass, data['m365.users'].users),
      unresolvedGroups: coverage.unresolvedGroups,
    };
    const noTimeout = 'No idle session timeout is set for Microsoft 365 web apps';

    if (users.length === 0) {
      return {
        status: 'not_assessed',
        summary: `${noTimeout}, and no enabled member accounts were found to check sign-in frequency against.`,
        evidence: evidenceOf([], facts),
        reason: { kind: 'unsupported', detail: 'the users dataset contains no enabled member accounts' },
      };
    }
    if (coverage.uncovered.length > 0) {
      return {
        status: 'fail',
        summary: `${noTimeout}, and ${coverage.uncovered.length} of ${count(users.length, 'enabled user')} ${coverage.uncovered.length === 1 ? 'is' : 'are'} not made to sign in again within ${sessionHours} hours.`,
        evidence: evidenceOf(coverage.uncovered.map(userItem), facts),
      };
    }
    if (coverage.unknown.length > 0) {
      return {
        status: 'not_assessed',
        summary: `${noTimeout}; whether a sign-in frequency policy covers ${coverage.unknown.length} of ${count(users.length, 'enabled user')} depends on group members that could not be read.`,
        evidence: evidenceOf(coverage.unknown.map(userItem), facts),
        reason: {
          kind: 'permission',
          detail: `members of groups used by Conditional Access policies could not be read: ${coverage.unresolvedGroups.map((g) => `${g.groupId} (${g.detail})`).join('; ')}`,
          needs: ['GroupMember.Read.All'],
        },
      };
    }
    const longest = Math.max(...intervals.map((interval) => interval.minutes));
    const every = longest === 0 ? 'at every sign-in' : `at least every ${duration(longest)}`;
    // A re-authentication interval is not an idle logoff: a browser left open on a front-desk PC
    // stays signed in until the interval ends. It mitigates, so the control warns (164.312(a)(2)(iii)
    // is addressable: a documented alternative may be reasonable, but it is not automatic logoff).
    return {
      status: 'warn',
      summary:
        `${noTimeout}; ${everyOne(users.length - coverage.breakGlass.length - coverage.syncExcluded.length, 'enabled user')} must sign in again ${every} (Conditional Access sign-in frequency), but a session left open in between is not signed out when idle.` +
        (coverage.syncExcluded.length ? ` ${capitalize(count(coverage.syncExcluded.length, 'directory synchronization account'))} ${coverage.syncExcluded.length === 1 ? 'is' : 'are'} excluded as Microsoft advises.` : ''),
      evidence: evidenceOf([], facts),
    };
  },
});
