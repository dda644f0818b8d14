import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { GooglePolicy } from '../../datasets/google.js';
import { SETTING_TYPES, WORKSPACE_PRODUCT_ID } from '../../datasets/google-constants.js';
import { count } from '../lib/text.js';
import { DLP_NOT_REQUIRED } from '../lib/dlp-status.js';
import { OrgUnitPolicies, UNPLACED_NOTE, activeUsersByOrgUnit, unplacedPolicies } from './lib/org-unit-policies.js';

/**
 * Predefined DLP detectors that find health information. Workspace DLP's predefined detectors carry
 * the infoType names of Google's Sensitive Data Protection
 * (https://cloud.google.com/sensitive-data-protection/docs/infotypes-reference); the list Workspace
 * offers is at https://support.google.com/a/answer/7047475. Health detectors find diagnoses, drugs,
 * medical terms and the numbers that tie a message to a patient's care or coverage (Medicare,
 * national health service numbers) or to a prescriber on a claim, referral or prescription (NPI,
 * DEA). As in the Microsoft 365 control (U.S. HIPAA template: ICD-9/ICD-10, DEA, MBI, medical
 * terms), a rule needs one of these to count. Review when Google adds detectors.
 */
export const HEALTH_DETECTORS: Readonly<Record<string, string>> = {
  ICD9_CODE: 'ICD-9 diagnosis codes',
  ICD10_CODE: 'ICD-10 diagnosis codes',
  MEDICAL_TERM: 'medical terms',
  FDA_CODE: 'FDA National Drug Codes',
  US_MEDICARE_BENEFICIARY_ID_NUMBER: 'US Medicare Beneficiary Identifier',
  US_DEA_NUMBER: 'US DEA registration number (prescriptions)',
  US_HEALTHCARE_NPI: 'US National Provider Identifier (claims, referrals, prescriptions)',
  // Listed by Sensitive Data Protection; not yet seen in a Workspace rule's condition.
  MEDICAL_RECORD_NUMBER: 'medical record number',
  UK_NATIONAL_HEALTH_SERVICE_NUMBER: 'UK NHS number',
  SCOTLAND_COMMUNITY_HEALTH_INDEX_NUMBER: 'Scotland Community Health Index number',
  CANADA_OHIP: 'Ontario Health Insurance Plan number',
  CANADA_BC_PHN: 'British Columbia Personal Health Number',
  CANADA_QUEBEC_HIN: 'Quebec Health Insurance Number',
  AUSTRALIA_MEDICARE_NUMBER: 'Australian Medicare number',
};

/**
 * Predefined detectors of personal and financial identifiers. They make health information PHI
 * when found with it, but alone they show personal data, not health information (the Microsoft 365
 * control treats SSN the same way), so a rule with only these does not count.
 */
export const IDENTIFIER_DETECTORS: Readonly<Record<string, string>> = {
  US_SOCIAL_SECURITY_NUMBER: 'US Social Security number',
  US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER: 'US ITIN',
  US_DRIVERS_LICENSE_NUMBER: 'US driver licence number',
  US_PASSPORT: 'US passport number',
  US_BANK_ROUTING_MICR: 'US bank routing number',
  US_EMPLOYER_IDENTIFICATION_NUMBER: 'US employer identification number',
  CREDIT_CARD_NUMBER: 'credit card number',
  IBAN_CODE: 'bank account number (IBAN)',
  DATE_OF_BIRTH: 'date of birth',
};

/**
 * Editions that include DLP for Gmail: "Frontline Standard and Frontline Plus; Enterprise Standard and
 * Enterprise Plus; Education Fundamentals, Education Standard, and Education Plus"
 * (https://support.google.com/a/answer/14767988). Cloud Identity Premium adds it to any edition with
 * Gmail. SKU ids: https://developers.google.com/workspace/admin/licensing/v1/how-tos/products
 */
export const GMAIL_DLP_SKUS: Readonly<Record<string, string>> = {
  '1010020026': 'Enterprise Standard',
  '1010020020': 'Enterprise Plus',
  '1010020031': 'Frontline Standard',
  '1010020034': 'Frontline Plus',
  'Google-Apps-For-Education': 'Education Fundamentals',
  '1010310005': 'Education Standard',
  '1010310006': 'Education Standard (Staff)',
  '1010310007': 'Education Standard (Extra Student)',
};

/** Editions without DLP for Gmail (not in the list above; the Essentials editions have no Gmail at all). */
export const NO_GMAIL_DLP_SKUS: Readonly<Record<string, string>> = {
  '1010020027': 'Business Starter',
  '1010020028': 'Business Standard',
  '1010020025': 'Business Plus',
  '1010020030': 'Frontline Starter',
  '1010060001': 'Essentials',
  '1010060003': 'Enterprise Essentials',
  '1010060005': 'Enterprise Essentials Plus',
  'Google-Apps-Unlimited': 'G Suite Business',
  'Google-Apps-For-Business': 'G Suite Basic',
  'Google-Apps-Lite': 'G Suite Lite',
  'Google-Apps': 'free legacy edition',
};

const DLP_EDITION_NEEDED = 'Google Workspace Enterprise Standard or Enterprise Plus (Frontline Standard/Plus and Education editions, or Cloud Identity Premium, also add DLP for Gmail)';

type App = 'gmail' | 'drive' | 'chat';
const APP_NAMES: Record<App, string> = { gmail: 'Gmail', drive: 'Google Drive', chat: 'Google Chat' };

/**
 * The app a DLP trigger belongs to. Google's trigger names look like `google.workspace.gmail.email.v1.send`,
 * `google.workspace.drive.file.v1.share`, `google.workspace.chat.message.v1.send`. Outgoing mail is
 * what leaks PHI, so a Gmail rule that only triggers on received mail (`...receive`) does not count.
 */
function appOfTrigger(trigger: string): App | undefined {
  const match = /^google\.workspace\.(gmail|drive|chat)\./.exec(trigger);
  if (!match) return undefined;
  if (match[1] === 'gmail' && /\.receive$/.test(trigger)) return undefined;
  return match[1] as App;
}

/**
 * Predefined detectors a CEL content condition uses, e.g.
 * `all_content.matches_dlp_detector('US_HEALTHCARE_NPI', ...)`. The condition is read for detector
 * names, not evaluated; a detector used under `!` (negated) does not count.
 */
function detectorsIn(condition: string): string[] {
  const found = new Set<string>();
  for (const match of condition.matchAll(/(!\s*)?[\w.]+\.matches_dlp_detector\(\s*['"]([^'"]+)['"]/g)) {
    if (!match[1]) found.add(match[2]!);
  }
  return [...found];
}

/** The health-information detectors ({@link HEALTH_DETECTORS}) a condition uses. */
export function healthDetectorsIn(condition: string): string[] {
  return detectorsIn(condition).filter((detector) => Object.hasOwn(HEALTH_DETECTORS, detector));
}

/** The personal-identifier detectors ({@link IDENTIFIER_DETECTORS}) a condition uses. */
export function identifierDetectorsIn(condition: string): string[] {
  return detectorsIn(condition).filter((detector) => Object.hasOwn(IDENTIFIER_DETECTORS, detector));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Protective actions of a rule for an app: `block`, `warn`, `quarantine` (keys of e.g.
 * `action.gmailAction`, such as `blockContent`), plus `alert` when the rule sends alerts to the Alert
 * Center (`alertCenterAction.alertCenterConfig`, present only when alerting is on, as ScubaGoggles
 * reads it). Audit-only rules have none.
 */
function protectiveActions(action: unknown, app: App): string[] {
  if (!isObject(action)) return [];
  const kinds = new Set<string>();
  const appAction = action[`${app}Action`];
  if (isObject(appAction)) {
    for (const [key, value] of Object.entries(appAction)) {
      const kind = /block|quarantine|warn|restrict/i.exec(key)?.[0]?.toLowerCase();
      // A Gmail action limited to internal mail (actionParams.applyExternalMessages false) protects
      // nothing that leaves the practice (field shape as observed by peers, not documented by Google).
      const params = isObject(value) ? value.actionParams : undefined;
      if (app === 'gmail' && isObject(params) && params.applyExternalMessages === false) continue;
      if (kind) kinds.add(kind === 'restrict' ? 'block' : kind);
    }
  }
  const alert = action.alertCenterAction;
  if (isObject(alert) && alert.alertCenterConfig !== undefined) kinds.add('alert');
  return [...kinds];
}

interface RuleFacts {
  policy: string;
  name: string;
  state: string;
  scope: string;
  triggers: string[];
  healthDetectors: string[];
  /** Personal identifiers it looks for too (SSN, card numbers): not health information by themselves. */
  identifierDetectors: string[];
  /** Apps the rule protects health information in (trigger, health detector and a protective action). */
  protects: App[];
  /** Why the rule does not protect outgoing Gmail, when it does not. */
  gmailGap?: string;
}

function describeRule(policy: GooglePolicy, resolver: OrgUnitPolicies): RuleFacts & { groupScoped: boolean } {
  const value = policy.setting.value ?? {};
  const triggers = Array.isArray(value.triggers) ? value.triggers.filter((t): t is string => typeof t === 'string') : [];
  const condition = isObject(value.condition) && typeof value.condition.contentCondition === 'string' ? value.condition.contentCondition : '';
  const state = typeof value.state === 'string' ? value.state : 'unknown';
  const healthDetectors = healthDetectorsIn(condition);
  const identifierDetectors = identifierDetectorsIn(condition);
  const apps = new Set(triggers.map(appOfTrigger).filter((app): app is App => app !== undefined));
  const actionsFor = (app: App) => protectiveActions(value.action, app);
  const active = state === 'ACTIVE';
  const protects = active && healthDetectors.length > 0 ? [...apps].filter((app) => actionsFor(app).length > 0) : [];

  const orgUnit = policy.policyQuery?.orgUnit;
  const group = policy.policyQuery?.group;
  const path = orgUnit ? resolver.pathOf(orgUnit) : '/';
  const scope = group ? `group ${group}` : path ? `OU ${path}` : `unknown OU ${orgUnit}`;

  let gmailGap: string | undefined;
  if (!active) gmailGap = `the rule is ${state === 'unknown' ? 'not marked ACTIVE' : state}`;
  else if (healthDetectors.length === 0) {
    gmailGap = identifierDetectors.length
      ? `it looks only for personal identifiers (${identifierDetectors.map((d) => IDENTIFIER_DETECTORS[d]).join(', ')}), not health information such as diagnosis codes or Medicare numbers`
      : 'no health-information detector in its conditions';
  }
  else if (!apps.has('gmail')) gmailGap = triggers.some((t) => t.startsWith('google.workspace.gmail.')) ? 'it checks received mail only' : 'it does not check Gmail';
  else if (actionsFor('gmail').length === 0) gmailGap = 'audit only: it neither blocks, warns nor alerts';
  else if (group) gmailGap = `it applies only to members of ${group}, which are not collected`;

  const name = typeof value.displayName === 'string' ? value.displayName : typeof value.name === 'string' ? value.name : policy.name;
  return {
    policy: policy.name,
    name,
    state,
    scope,
    triggers,
    healthDetectors,
    identifierDetectors,
    protects,
    ...(gmailGap ? { gmailGap } : {}),
    groupScoped: Boolean(group),
  };
}

/**
 * An ACTIVE Workspace DLP rule (`settings/rule.dlp`) checks outgoing Gmail for health information
 * (a predefined detector from {@link HEALTH_DETECTORS}; identifiers such as SSN alone do not count)
 * and blocks, warns, quarantines or alerts, in every organisational unit with active users (a rule
 * on an OU also covers its sub-OUs). `warn` when only Drive or Chat, or only a group, is covered;
 * `fail` when outgoing mail is not covered. Licence data matters only when there are no DLP rules
 * (the Policy API returns none on editions without DLP): `not_assessed` (licence) when the licensed
 * editions lack DLP, or when the licences could not be read.
 */
export const googleEmailDlp = defineControl({
  meta: {
    id: 'google.email.dlp',
    provider: 'google-workspace',
    title: 'Outgoing email is checked for health information by an active DLP rule',
    severity: 'high',
    hipaa: ['164.312(e)(1)', '164.308(a)(1)(ii)(B)'],
    references: [
      'https://support.google.com/a/answer/14767988',
      'https://knowledge.workspace.google.com/admin/security/create-data-protection-rules',
      'https://support.google.com/a/answer/7047475',
      'https://cloud.google.com/identity/docs/concepts/supported-policy-api-settings',
      'https://cloud.google.com/sensitive-data-protection/docs/infotypes-reference',
    ],
    datasets: ['google.policies', 'google.orgUnits', 'google.users'],
    // Only needed when no DLP rule exists: an active rule already shows the edition has DLP.
    optionalDatasets: ['google.licenses'],
    remediation:
      'In the Google Admin console (admin.google.com) go to Rules > Create rule > Data protection. Scope it to the top-level organisational unit; under Apps tick Gmail (messages sent); add conditions "All content" matches predefined detectors for health information, such as ICD-10 codes, US Medicare Beneficiary ID, US Healthcare NPI and US DEA number (OR them together; US Social Security number can be added, but alone it finds personal data, not health information); choose the action "Block message" or "Warn users" (Quarantine also works) and turn on Alert Center alerts; set the rule to Active. Start with "Audit only" for a week to check for false positives if you prefer, then switch to block or warn. DLP for Gmail needs Enterprise Standard or Plus, Frontline Standard or Plus, or an Education edition.',
  },
  evaluate: ({ data, unavailable }) => {
    const resolver = new OrgUnitPolicies(data['google.policies'], data['google.orgUnits']);
    const byOu = activeUsersByOrgUnit(data['google.users'].users);
    if (resolver.missingSettingTypes([SETTING_TYPES.dlpRule]).length > 0) {
      return {
        status: 'not_assessed',
        summary: 'The policies snapshot did not include DLP rules, so email DLP could not be checked.',
        evidence: evidenceOf([], { missingSettingTypes: [SETTING_TYPES.dlpRule] }),
        reason: { kind: 'unsupported', detail: `the policies dataset was collected without setting type ${SETTING_TYPES.dlpRule}` },
      };
    }
    const unplaced = unplacedPolicies(resolver, [SETTING_TYPES.dlpRule], byOu.keys(), 'Email DLP');
    if (unplaced.outcome) return unplaced.outcome;
    const ignoredFacts = unplaced.ignored.length ? { ignoredPolicies: unplaced.ignored, ignoredPoliciesNote: UNPLACED_NOTE } : {};

    const licences = data['google.licenses'];
    const editions = licences ? [...new Set(licences.assignments.filter((a) => a.productId === WORKSPACE_PRODUCT_ID).map((a) => a.skuId))] : [];
    const editionNames = editions.map((sku) => GMAIL_DLP_SKUS[sku] ?? NO_GMAIL_DLP_SKUS[sku] ?? `SKU ${sku}`);
    const editionFacts = licences ? { editions: editionNames } : { editions: 'not read (not needed when DLP rules exist)' };
    const unplacedNames = new Set(unplaced.ignored.map((item) => item.policy));
    const dlpPolicies = data['google.policies'].policies.filter((p) => p.setting.type === SETTING_TYPES.dlpRule && !unplacedNames.has(p.name));

    if (dlpPolicies.length === 0) {
      const facts = { rules: [], ...editionFacts, healthDetectorsChecked: Object.keys(HEALTH_DETECTORS), ...ignoredFacts };
      if (!licences) {
        const reason = unavailable['google.licenses'];
        return {
          status: 'not_assessed',
          summary: 'Email DLP was not assessed: there are no DLP rules, and without the licence data it is unknown whether the Workspace edition offers DLP for Gmail (the Policy API returns no DLP rules on editions without it).',
          evidence: evidenceOf([], facts),
          reason: reason
            ? { ...reason, detail: `no DLP rules were returned and the licences could not be read to tell the edition: ${reason.detail}` }
            : { kind: 'unsupported', detail: 'no DLP rules were returned and the snapshot has no licence data to tell the edition' },
        };
      }
      const withDlp = editions.filter((sku) => sku in GMAIL_DLP_SKUS);
      if (withDlp.length === 0) {
        const allWithout = editions.length > 0 && editions.every((sku) => sku in NO_GMAIL_DLP_SKUS);
        return {
          status: 'not_assessed',
          summary: allWithout
            ? `Email DLP was not assessed: the licensed edition (${editionNames.join(', ')}) does not include DLP for Gmail.`
            : 'Email DLP was not assessed: there are no DLP rules, and the Workspace edition could not be matched to one with or without DLP for Gmail.',
          evidence: evidenceOf([], facts),
          reason: allWithout
            ? { kind: 'license', detail: `no DLP rules exist and ${editionNames.join(', ')} has no DLP for Gmail`, needs: [DLP_EDITION_NEEDED] }
            : {
                kind: 'unsupported',
                detail: `no DLP rules were returned and the Workspace edition is unknown (${editions.length ? editionNames.join(', ') : `no ${WORKSPACE_PRODUCT_ID} licence assignments`}); the Policy API returns no DLP rules on editions without DLP`,
              },
        };
      }
      return {
        status: 'warn',
        summary: `No DLP rule exists, so outgoing email is not checked for health information. ${DLP_NOT_REQUIRED}`,
        evidence: evidenceOf([], facts),
      };
    }

    const rules = dlpPolicies.map((policy) => describeRule(policy, resolver));
    const gmailRules = new Set(rules.filter((r) => r.protects.includes('gmail') && !r.groupScoped).map((r) => r.policy));
    const orgUnits = [...byOu.entries()].map(([path, members]) => {
      const covering = resolver
        .applying(SETTING_TYPES.dlpRule, path)
        .map((p) => p.name)
        .filter((name) => gmailRules.has(name));
      return { path, activeUsers: members.length, gmailRules: covering };
    });
    const uncovered = orgUnits.filter((ou) => ou.gmailRules.length === 0);
    const facts = {
      total: orgUnits.length,
      ...editionFacts,
      healthDetectorsChecked: Object.keys(HEALTH_DETECTORS),
      rules: rules.map(({ groupScoped: _g, ...rule }) => rule),
      orgUnits,
      ...ignoredFacts,
    };
    const ruleItem = (rule: RuleFacts, detail: string): AffectedItem => ({ type: 'policy', id: rule.policy, name: rule.name, detail });
    const gaps = rules.filter((r) => r.gmailGap !== undefined).map((r) => ruleItem(r, `does not protect outgoing Gmail: ${r.gmailGap}`));

    if (orgUnits.length > 0 && uncovered.length === 0) {
      return {
        status: 'pass',
        summary: `Outgoing Gmail is checked for health information by ${count(gmailRules.size, 'active DLP rule')} in ${orgUnits.length === 1 ? 'the 1 organisational unit' : `all ${count(orgUnits.length, 'organisational unit')}`} with active users.`,
        evidence: evidenceOf([], facts),
      };
    }

    const anyGmailCoverage = uncovered.length < orgUnits.length;
    if (!anyGmailCoverage) {
      const otherApps = rules.filter((r) => r.protects.some((app) => app !== 'gmail') && !r.groupScoped);
      const groupOnly = rules.filter((r) => r.protects.includes('gmail') && r.groupScoped);
      if (otherApps.length > 0 || groupOnly.length > 0) {
        const covered = [...new Set(otherApps.flatMap((r) => r.protects.filter((app) => app !== 'gmail')))].map((app) => APP_NAMES[app]);
        const what = [covered.length ? `only ${covered.join(' and ')} ${covered.length === 1 ? 'is' : 'are'} covered` : undefined, groupOnly.length ? 'Gmail is covered only for members of a group' : undefined]
          .filter(Boolean)
          .join(', and ');
        return {
          status: 'warn',
          summary: `Outgoing Gmail is not checked for health information for everyone: ${what}.`,
          evidence: evidenceOf(
            [
              ...otherApps.map((r) => ruleItem(r, `protects ${r.protects.filter((a) => a !== 'gmail').map((a) => APP_NAMES[a]).join(' and ')}, not outgoing Gmail`)),
              ...groupOnly.map((r) => ruleItem(r, `protects outgoing Gmail only for members of ${r.scope.replace(/^group /, '')}, which are not collected`)),
            ],
            facts,
          ),
        };
      }
      return {
        status: 'warn',
        summary: `No active DLP rule checks outgoing Gmail for health information and blocks, warns or alerts. ${DLP_NOT_REQUIRED}`,
        evidence: evidenceOf(gaps, facts),
      };
    }

    return {
      status: 'warn',
      summary: `${uncovered.length} of ${count(orgUnits.length, 'organisational unit')} with active users ${uncovered.length === 1 ? 'has' : 'have'} no active DLP rule checking outgoing Gmail for health information. ${DLP_NOT_REQUIRED}`,
      evidence: evidenceOf(
        uncovered.map((ou) => ({ type: 'orgUnit', id: ou.path, name: ou.path, detail: `no Gmail DLP rule for health information applies; ${count(ou.activeUsers, 'active user')}` })),
        facts,
      ),
    };
  },
});
