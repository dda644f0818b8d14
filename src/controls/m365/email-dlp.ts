import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { DlpPolicy, DlpRule } from '../../datasets/m365-exchange.js';
import { count, noneOf } from '../lib/text.js';

/**
 * Sensitive information types (SITs) that show a rule looks for health information: those of
 * Microsoft's "U.S. Health Insurance Act (HIPAA)" templates plus equivalents. `health` types are
 * specific to health care; `identifier` types (SSN) are in the template but alone show personal
 * data, not health information, so a rule with only those does not count. Ids are the SIT entity
 * ids from each type's Microsoft Learn page (the one without an id is matched by name only).
 * Sources: https://learn.microsoft.com/purview/dlp-policy-templates-include (U.S. HIPAA: SSN or
 * DEA number, and ICD-9-CM or ICD-10-CM), https://learn.microsoft.com/purview/sit-defn-* pages,
 * and the HIPAA Enhanced classification group (adds All Medical Terms And Conditions).
 */
const HEALTH_SENSITIVE_TYPES: readonly { name: string; id?: string; kind: 'health' | 'identifier' }[] = [
  { name: 'International Classification of Diseases (ICD-10-CM)', id: '3356946c-6bb7-449b-b253-6ffa419c0ce7', kind: 'health' },
  { name: 'International Classification of Diseases (ICD-9-CM)', id: 'fa3f9c74-ee07-4c52-b5f2-085d6b2c0ec4', kind: 'health' },
  { name: 'Drug Enforcement Agency (DEA) Number', id: '9a5445ad-406e-43eb-8bd7-cac17ab6d0e4', kind: 'health' },
  { name: 'Medicare Beneficiary Identifier (MBI) card', id: 'f753a286-f5cc-47e6-a592-4be25fd02591', kind: 'health' },
  { name: 'All Medical Terms And Conditions', kind: 'health' },
  { name: 'U.S. Social Security Number (SSN)', id: 'a44669fe-0d48-453d-a9b1-2cc83f2cba77', kind: 'identifier' },
];

const normalise = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const KNOWN_BY_ID = new Map(HEALTH_SENSITIVE_TYPES.filter((t) => t.id).map((t) => [t.id!, t]));
const KNOWN_BY_NAME = new Map(HEALTH_SENSITIVE_TYPES.map((t) => [normalise(t.name), t]));

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Property lookup ignoring case: the plain form says `name`/`groups`, the advanced form `Name`/`Groups`. */
const get = (o: Json, key: string): unknown => Object.entries(o).find(([k]) => k.toLowerCase() === key)?.[1];
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

interface SensitiveType {
  name?: string;
  id?: string;
}

/**
 * The SITs in a ContentContainsSensitiveInformation value, in each shape Exchange uses: a list of
 * `{name, id, mincount...}`, or `{operator, groups: [{name, operator, sensitivetypes: [...]}]}`
 * (labels in groups are not SITs and are skipped), possibly as a JSON string.
 */
function sensitiveTypesIn(value: unknown): SensitiveType[] {
  if (typeof value === 'string') {
    const t = value.trim();
    if (!t.startsWith('[') && !t.startsWith('{')) return [];
    try {
      return sensitiveTypesIn(JSON.parse(t));
    } catch {
      return [];
    }
  }
  if (Array.isArray(value)) return value.flatMap(sensitiveTypesIn);
  if (!isObject(value)) return [];
  const groups = get(value, 'groups');
  if (groups !== undefined) return sensitiveTypesIn(groups);
  const types = get(value, 'sensitivetypes');
  if (types !== undefined) return sensitiveTypesIn(types);
  const name = text(get(value, 'name'));
  const id = text(get(value, 'id'));
  return name || id ? [{ ...(name ? { name } : {}), ...(id ? { id: id.toLowerCase() } : {}) }] : [];
}

/**
 * The SITs a rule's AdvancedRule JSON tests for. Rules built in the new editor keep their
 * conditions there and report ContentContainsSensitiveInformation as null (seen in ScubaGear's
 * sample export). Conditions under a `Not` operator are exceptions and are skipped.
 */
function sensitiveTypesInAdvancedRule(node: unknown): SensitiveType[] {
  if (Array.isArray(node)) return node.flatMap(sensitiveTypesInAdvancedRule);
  if (!isObject(node)) return [];
  if (text(get(node, 'operator'))?.toLowerCase() === 'not') return [];
  if (text(get(node, 'conditionname'))?.toLowerCase() === 'contentcontainssensitiveinformation') return sensitiveTypesIn(get(node, 'value'));
  return [get(node, 'condition'), get(node, 'subconditions')].flatMap(sensitiveTypesInAdvancedRule);
}

/** The SITs a rule detects, or undefined when its conditions could not be read. */
function detectedTypes(rule: DlpRule): SensitiveType[] | undefined {
  const r = rule as Json;
  const plain = rule.ContentContainsSensitiveInformation;
  const advanced = get(r, 'advancedrule');
  const found: SensitiveType[] = [];
  let readable = plain !== null && plain !== undefined;
  found.push(...sensitiveTypesIn(plain));
  if (typeof advanced === 'string' && advanced.trim()) {
    try {
      found.push(...sensitiveTypesInAdvancedRule(JSON.parse(advanced)));
      readable = true;
    } catch {
      // An AdvancedRule that is not JSON leaves the rule unreadable unless the plain form is there.
    }
  } else if (isObject(advanced)) {
    found.push(...sensitiveTypesInAdvancedRule(advanced));
    readable = true;
  }
  // A plain rule without a SIT condition is readable (it detects none); an advanced one whose JSON is missing is not.
  if (!readable && rule.IsAdvancedRule === true) return undefined;
  return found;
}

/** The known health or identifier type a detected SIT is, matched by entity id first, then by name. */
const knownType = (t: SensitiveType) => (t.id ? KNOWN_BY_ID.get(t.id) : undefined) ?? (t.name ? KNOWN_BY_NAME.get(normalise(t.name)) : undefined);
const typeLabel = (t: SensitiveType) => knownType(t)?.name ?? t.name ?? t.id ?? 'unnamed type';

const nonEmpty = (v: unknown): boolean =>
  Array.isArray(v) ? v.some(nonEmpty) : typeof v === 'string' ? v.trim() !== '' && v.trim().toLowerCase() !== 'false' : v === true || isObject(v);

/** What a rule does when it matches: block, encrypt, notify, report or alert. */
function actionsOf(rule: DlpRule): string[] {
  const actions: string[] = [];
  if (rule.BlockAccess === true) actions.push('block');
  if (nonEmpty(rule.EncryptRMSTemplate)) actions.push('encrypt');
  if (nonEmpty(rule.NotifyUser)) actions.push('notify user');
  if (nonEmpty(rule.GenerateIncidentReport)) actions.push('incident report');
  if (nonEmpty(rule.GenerateAlert)) actions.push('alert');
  return actions;
}

/** Location names: Exchange returns plain strings ("All") or Location objects with a Name/DisplayName. */
function locationNames(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap(locationNames);
  if (isObject(value)) {
    const name = text(get(value, 'name')) ?? text(get(value, 'displayname')) ?? text(get(value, 'immutableidentity'));
    return name ? [name] : [];
  }
  return [];
}

type PolicyMode = 'enforced' | 'test' | 'off' | 'unknown';
function modeOf(p: DlpPolicy): { mode: PolicyMode; label: string } {
  const mode = (p.Mode ?? '').toLowerCase();
  if (p.Enabled === false || mode === 'disable') return { mode: 'off', label: 'turned off' };
  if (mode.startsWith('test') || p.IsSimulationPolicy === true) return { mode: 'test', label: `test mode (${p.Mode ?? 'simulation'})` };
  if (mode === 'enable') return { mode: 'enforced', label: 'on' };
  // Null or a new value (e.g. PendingDeletion): whether it enforces is unknown, so it is not called off.
  return { mode: 'unknown', label: `mode not reported (${p.Mode ?? 'none'})` };
}

/** How much of Exchange a policy covers: all mailboxes, some, or none. */
function exchangeCoverage(p: DlpPolicy): { coverage: 'all' | 'some' | 'none'; detail: string } {
  const r = p as Json;
  const names = locationNames(p.ExchangeLocation);
  if (names.length === 0) return { coverage: 'none', detail: 'Exchange not covered' };
  const all = names.some((n) => n.toLowerCase() === 'all');
  // New-style policies keep ExchangeLocation "All" and narrow by sender, group or adaptive scope.
  const scopedTo = ['ExchangeSender', 'ExchangeSenderMemberOf', 'ExchangeAdaptiveScopes'].filter((k) => nonEmpty(r[k]));
  const excluding = ['ExchangeSenderException', 'ExchangeSenderMemberOfException', 'ExchangeAdaptiveScopesException'].filter((k) => nonEmpty(r[k]));
  if (!all) return { coverage: 'some', detail: `Exchange limited to ${names.join(', ')}` };
  if (scopedTo.length) return { coverage: 'some', detail: `Exchange limited by ${scopedTo.join(', ')}` };
  if (excluding.length) return { coverage: 'some', detail: `Exchange with exclusions (${excluding.join(', ')})` };
  return { coverage: 'all', detail: 'all Exchange mailboxes' };
}

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
 * without an action; fails when nothing detects health information.
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
    remediation:
      'In the Microsoft Purview portal (purview.microsoft.com) go to Solutions > Data loss prevention > Policies > Create policy, choose the "Medical and health" category and the "U.S. Health Insurance Act (HIPAA) Enhanced" template. Apply it to Exchange email (all mailboxes) as well as SharePoint, OneDrive and Teams, keep the rules that detect ICD-10/ICD-9 codes, DEA numbers and medical terms, and set their actions: at least notify the sender and send an incident report to the privacy officer, and block or encrypt messages with many matches sent outside the practice. Run it in simulation mode for a week or two to check for false positives, then turn it on.',
  },
  evaluate: ({ data }) => {
    const { endpoint, policies, rules } = data['m365.dlp'];

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
        summary: `Health information is detected only with caveats: ${partial.map((d) => `"${d.facts.name}" ${d.caveats.join('; ')}`).join('. ')}.`,
        evidence,
      };
    }
    const off = described.filter((d) => d.mode === 'off').length;
    const offHealth = described.filter((d) => d.healthButOff);
    return {
      status: 'fail',
      summary:
        offHealth.length > 0
          ? `No DLP policy in force detects health information: ${list(offHealth)} ${offHealth.length === 1 ? 'detects' : 'detect'} it but ${offHealth.length === 1 ? 'is' : 'are'} turned off.`
          : policies.length === 0
          ? 'There is no DLP policy, so nothing detects health information in email, SharePoint, OneDrive or Teams.'
          : policies.length === 1
            ? `The only DLP policy, "${described[0]!.facts.name}", does not detect health information such as ICD-10 codes or DEA numbers${off ? ' and is turned off' : ''}.`
            : `${noneOf(policies.length, 'DLP policy', 'DLP policies', 'detects health information such as ICD-10 codes or DEA numbers', 'does not detect health information such as ICD-10 codes or DEA numbers')}${off ? ` (${off} ${off === 1 ? 'is' : 'are'} turned off)` : ''}.`,
      evidence,
    };
  },
});
