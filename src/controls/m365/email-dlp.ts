import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { DlpRule } from '../../datasets/m365-exchange.js';
import { count, noneOf } from '../lib/text.js';
import {
  actionsOf,
  detectedTypes,
  DLP_LICENCE,
  DLP_SERVICE_PLANS,
  dlpLicensedSkus,
  exchangeCoverage,
  HEALTH_SENSITIVE_TYPES,
  knownType,
  locationNames,
  modeOf,
  typeLabel,
  type Json,
} from './lib/dlp.js';
import { DLP_NOT_REQUIRED } from '../lib/dlp-status.js';


const OTHER_LOCATIONS = [
  ['SharePointLocation', 'SharePoint'],
  ['OneDriveLocation', 'OneDrive'],
  ['TeamsLocation', 'Teams'],
] as const;

/**
 * Purview DLP watches email for health information leaving the practice: an enabled (`Mode:
 * Enable`, not simulation) DLP policy covering every Exchange mailbox with an enabled rule that
 * detects health-specific sensitive information types (ICD-9/ICD-10 codes, DEA numbers, Medicare
 * identifiers, medical terms) and acts (block, encrypt, notify, report, alert). Warns when such a
 * rule exists only in test mode, only for SharePoint/OneDrive/Teams, for part of Exchange, or
 * without an action, and when nothing detects health information: the Security Rule names no DLP
 * requirement, so DLP is a recommended measure supporting 164.312(e)(1) and 164.308(a)(1)(ii)(B),
 * and its absence never fails. Not assessed when there is no DLP policy and no subscription
 * carries a DLP service plan (see lib/dlp.ts): the tenant cannot have one, and the licence is named.
 */
export const emailDlp = defineControl({
  meta: {
    id: 'm365.email.dlp',
    provider: 'm365',
    title: 'A data loss prevention policy detects health information in email',
    severity: 'high',
    hipaa: ['164.312(e)(1)', '164.308(a)(1)(ii)(B)'],
    references: [
      'https://learn.microsoft.com/purview/dlp-learn-about-dlp',
      'https://learn.microsoft.com/purview/dlp-policy-templates-include',
      'https://learn.microsoft.com/purview/sit-defn-international-classification-of-diseases-icd-10-cm',
      'https://learn.microsoft.com/powershell/module/exchange/get-dlpcompliancepolicy',
      'https://learn.microsoft.com/powershell/module/exchange/get-dlpcompliancerule',
      'CIS M365 3.2.1',
    ],
    datasets: ['m365.dlp'],
    // Only to tell "no DLP licence" from "no DLP policy"; without it a missing policy is still a warning.
    optionalDatasets: ['m365.subscribedSkus'],
    remediation:
      'In the Microsoft Purview portal (purview.microsoft.com) go to Solutions > Data loss prevention > Policies > Create policy, choose the "Medical and health" category and the "U.S. Health Insurance Act (HIPAA) Enhanced" template. Apply it to Exchange email (all mailboxes) as well as SharePoint, OneDrive and Teams, keep the rules that detect ICD-10/ICD-9 codes, DEA numbers and medical terms, and set their actions: at least notify the sender and send an incident report to the privacy officer, and block or encrypt messages with many matches sent outside the practice. Run it in simulation mode for a week or two to check for false positives, then turn it on.',
  },
  evaluate: ({ data }) => {
    const { endpoint, policies, rules } = data['m365.dlp'];
    const skus = data['m365.subscribedSkus']?.skus;
    const licensedBy = skus ? dlpLicensedSkus(skus) : undefined;

    const rulesByPolicy = new Map<string, DlpRule[]>();
    for (const rule of rules) {
      const key = (rule.ParentPolicyName ?? '').toLowerCase();
      rulesByPolicy.set(key, [...(rulesByPolicy.get(key) ?? []), rule]);
    }

    const unreadable: string[] = [];
    const described = policies.map((p) => {
      const { mode, label } = modeOf(p);
      const exchange = exchangeCoverage(p);
      const others = OTHER_LOCATIONS.filter(([key]) => locationNames((p as Json)[key]).length > 0).map(([, name]) => name);
      const ruleFacts = (rulesByPolicy.get(p.Name.toLowerCase()) ?? []).map((rule) => {
        const types = detectedTypes(rule);
        const enabled = rule.Disabled !== true;
        if (!types && enabled && mode !== 'off') unreadable.push(`${p.Name} / ${rule.Name}`);
        const health = (types ?? []).filter((t) => knownType(t)?.kind === 'health');
        return {
          name: rule.Name,
          enabled,
          detects: types ? [...new Set(types.map(typeLabel))] : null,
          healthTypes: [...new Set(health.map(typeLabel))],
          actions: actionsOf(rule),
        };
      });
      const healthRules = ruleFacts.filter((r) => r.enabled && r.healthTypes.length > 0);
      const acting = healthRules.filter((r) => r.actions.length > 0);
      const caveats: string[] = [];
      if (mode === 'test') caveats.push(`is in ${label}`);
      if (exchange.coverage === 'none') caveats.push(others.length ? `covers only ${others.join(', ')}, not email` : 'covers no location');
      if (exchange.coverage === 'some') caveats.push(`covers only part of email (${exchange.detail})`);
      if (healthRules.length && !acting.length) caveats.push('its health rules take no action');
      return {
        policy: p,
        mode,
        facts: {
          name: p.DisplayName ?? p.Name,
          mode: label,
          exchange: exchange.detail,
          otherLocations: others,
          rules: ruleFacts,
        },
        detectsHealth: mode !== 'off' && mode !== 'unknown' && healthRules.length > 0,
        healthButUnknownMode: mode === 'unknown' && healthRules.length > 0,
        healthButOff: mode === 'off' && healthRules.length > 0,
        qualifies: mode === 'enforced' && exchange.coverage === 'all' && acting.length > 0,
        caveats,
        healthTypes: [...new Set(healthRules.flatMap((r) => r.healthTypes))],
      };
    });

    const qualifying = described.filter((d) => d.qualifies);
    const partial = described.filter((d) => d.detectsHealth && !d.qualifies);
    const affected: AffectedItem[] = partial.map((d) => ({
      type: 'policy',
      id: d.policy.Name,
      name: d.facts.name,
      detail: `detects ${d.healthTypes.join(', ')} but ${d.caveats.join('; ')}`,
    }));
    const evidence = evidenceOf(affected, {
      total: policies.length,
      endpoint,
      healthTypesLookedFor: HEALTH_SENSITIVE_TYPES.map((t) => `${t.name}${t.kind === 'identifier' ? ' (an identifier: does not count on its own)' : ''}`),
      policies: described.map((d) => d.facts),
      ...(unreadable.length ? { unreadableRules: unreadable } : {}),
      dlpLicence:
        licensedBy === undefined
          ? 'not checked: the subscriptions could not be read'
          : licensedBy.length
            ? `included in ${licensedBy.join(', ')}`
            : `no active subscription carries a DLP service plan (${Object.keys(DLP_SERVICE_PLANS).join(', ')})`,
      requirement: DLP_NOT_REQUIRED,
    });
    const list = (ds: typeof described) => ds.map((d) => `"${d.facts.name}"`).join(', ');

    if (qualifying.length > 0) {
      return {
        status: 'pass',
        summary: `${qualifying.length === 1 ? 'DLP policy' : 'DLP policies'} ${list(qualifying)} ${qualifying.length === 1 ? 'checks' : 'check'} all email for health information (${[...new Set(qualifying.flatMap((d) => d.healthTypes))].join(', ')}) and ${qualifying.length === 1 ? 'acts' : 'act'} on it.`,
        evidence,
      };
    }
    if (unreadable.length > 0) {
      return {
        status: 'not_assessed',
        summary: `No DLP policy is shown to check all email for health information, but the conditions of ${count(unreadable.length, 'active rule')} could not be read (${unreadable.join(', ')}).`,
        evidence,
        reason: {
          kind: 'unsupported',
          detail: `rules ${unreadable.join(', ')} keep their conditions in AdvancedRule, which the collected data does not include`,
        },
      };
    }
    const unknownMode = described.filter((d) => d.healthButUnknownMode);
    if (unknownMode.length > 0) {
      return {
        status: 'not_assessed',
        summary: `No DLP policy is shown to check all email for health information; ${list(unknownMode)} detect${unknownMode.length === 1 ? 's' : ''} it, but ${unknownMode.length === 1 ? 'its' : 'their'} mode is not reported, so whether ${unknownMode.length === 1 ? 'it is' : 'they are'} on is unknown.`,
        evidence,
        reason: {
          kind: 'unsupported',
          detail: `DLP policies ${unknownMode.map((d) => `"${d.facts.name}" (Mode ${d.policy.Mode ?? 'null'})`).join(', ')} report no known mode`,
        },
      };
    }
    if (partial.length > 0) {
      return {
        status: 'warn',
        summary: `Health information is detected only with caveats: ${partial.map((d) => `"${d.facts.name}" ${d.caveats.join('; ')}`).join('. ')}. ${DLP_NOT_REQUIRED}`,
        evidence,
      };
    }
    if (policies.length === 0 && licensedBy !== undefined && licensedBy.length === 0) {
      // Get-DlpCompliancePolicy's documented behaviour without a licence is not stated; the licence is read from the plans.
      return {
        status: 'not_assessed',
        summary: `DLP for email cannot be used in this tenant: no subscription includes Microsoft Purview DLP for Exchange Online, so there is no DLP policy to assess. It needs ${DLP_LICENCE}.`,
        evidence,
        reason: {
          kind: 'license',
          detail: `no active subscription carries a DLP service plan (${Object.keys(DLP_SERVICE_PLANS).join(', ')})`,
          needs: [DLP_LICENCE],
        },
      };
    }
    const off = described.filter((d) => d.mode === 'off').length;
    const offHealth = described.filter((d) => d.healthButOff);
    const licenceNote = licensedBy === undefined && policies.length === 0 ? ' Whether the tenant has a DLP licence could not be checked (the subscriptions could not be read).' : '';
    return {
      status: 'warn',
      summary:
        (offHealth.length > 0
          ? `No DLP policy in force detects health information: ${list(offHealth)} ${offHealth.length === 1 ? 'detects' : 'detect'} it but ${offHealth.length === 1 ? 'is' : 'are'} turned off.`
          : policies.length === 0
          ? 'There is no DLP policy, so nothing detects health information in email, SharePoint, OneDrive or Teams.'
          : policies.length === 1
            ? `The only DLP policy, "${described[0]!.facts.name}", does not detect health information such as ICD-10 codes or DEA numbers${off ? ' and is turned off' : ''}.`
            : `${noneOf(policies.length, 'DLP policy', 'DLP policies', 'detects health information such as ICD-10 codes or DEA numbers', 'does not detect health information such as ICD-10 codes or DEA numbers')}${off ? ` (${off} ${off === 1 ? 'is' : 'are'} turned off)` : ''}.`) +
        ` ${DLP_NOT_REQUIRED}${licenceNote}`,
      evidence,
    };
  },
});
