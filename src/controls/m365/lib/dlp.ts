// Reading Purview DLP policies and rules: which sensitive information types a rule detects, what
// it does, whether its policy is on and how much of Exchange it covers, and which licences give
// DLP for Exchange Online. Shared by m365.email.dlp and m365.email.encryption.
import type { DlpPolicy, DlpRule } from '../../../datasets/m365-exchange.js';
import type { SubscribedSkusDataset } from '../../../datasets/m365.js';

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
export const HEALTH_SENSITIVE_TYPES: readonly { name: string; id?: string; kind: 'health' | 'identifier' }[] = [
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

export type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Property lookup ignoring case: the plain form says `name`/`groups`, the advanced form `Name`/`Groups`. */
const get = (o: Json, key: string): unknown => Object.entries(o).find(([k]) => k.toLowerCase() === key)?.[1];
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export interface SensitiveType {
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
export function detectedTypes(rule: DlpRule): SensitiveType[] | undefined {
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
export const knownType = (t: SensitiveType) => (t.id ? KNOWN_BY_ID.get(t.id) : undefined) ?? (t.name ? KNOWN_BY_NAME.get(normalise(t.name)) : undefined);
export const typeLabel = (t: SensitiveType) => knownType(t)?.name ?? t.name ?? t.id ?? 'unnamed type';

export const nonEmpty = (v: unknown): boolean =>
  Array.isArray(v) ? v.some(nonEmpty) : typeof v === 'string' ? v.trim() !== '' && v.trim().toLowerCase() !== 'false' : v === true || isObject(v);

/** What a rule does when it matches: block, encrypt, notify, report or alert. */
export function actionsOf(rule: DlpRule): string[] {
  const actions: string[] = [];
  if (rule.BlockAccess === true) actions.push('block');
  if (nonEmpty(rule.EncryptRMSTemplate)) actions.push('encrypt');
  if (nonEmpty(rule.NotifyUser)) actions.push('notify user');
  if (nonEmpty(rule.GenerateIncidentReport)) actions.push('incident report');
  if (nonEmpty(rule.GenerateAlert)) actions.push('alert');
  return actions;
}

/** Location names: Exchange returns plain strings ("All") or Location objects with a Name/DisplayName. */
export function locationNames(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap(locationNames);
  if (isObject(value)) {
    const name = text(get(value, 'name')) ?? text(get(value, 'displayname')) ?? text(get(value, 'immutableidentity'));
    return name ? [name] : [];
  }
  return [];
}

export type PolicyMode = 'enforced' | 'test' | 'off' | 'unknown';
export function modeOf(p: DlpPolicy): { mode: PolicyMode; label: string } {
  const mode = (p.Mode ?? '').toLowerCase();
  if (p.Enabled === false || mode === 'disable') return { mode: 'off', label: 'turned off' };
  if (mode.startsWith('test') || p.IsSimulationPolicy === true) return { mode: 'test', label: `test mode (${p.Mode ?? 'simulation'})` };
  if (mode === 'enable') return { mode: 'enforced', label: 'on' };
  // Null or a new value (e.g. PendingDeletion): whether it enforces is unknown, so it is not called off.
  return { mode: 'unknown', label: `mode not reported (${p.Mode ?? 'none'})` };
}

/** How much of Exchange a policy covers: all mailboxes, some, or none. */
export function exchangeCoverage(p: DlpPolicy): { coverage: 'all' | 'some' | 'none'; detail: string } {
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


/**
 * Service plans that license Purview DLP for Exchange Online. Microsoft's licensing guidance
 * ("Microsoft 365 guidance for security & compliance", Data loss prevention for Exchange Online,
 * SharePoint Online and OneDrive) names Microsoft 365 E3/E5/A3/A5 and Business Premium, Office 365
 * E3/E5/A3 and the Office 365 Data Loss Prevention add-on. Their SKUs carry one of these plans
 * (service plan ids from "Product names and service plan identifiers for licensing"):
 * Exchange Online (Plan 2), the "Data Loss Prevention" plan of Business Premium, and the DLP add-on.
 * Business Standard, Business Basic and Exchange Online (Plan 1) carry none of them.
 */
export const DLP_SERVICE_PLANS: Readonly<Record<string, string>> = {
  EXCHANGE_S_ENTERPRISE: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
  BPOS_S_DlpAddOn: '9bec7e34-c9fa-40b7-a9d1-bd6d1165c7ed',
  EOP_ENTERPRISE_PREMIUM: '75badc48-628e-4446-8460-41344d73abd6',
};

/** What a practice buys to get DLP for email, in the words of Microsoft's licensing guidance. */
export const DLP_LICENCE =
  'a licence that includes Microsoft Purview DLP for Exchange Online (Microsoft 365 Business Premium, Microsoft 365 E3/E5, Office 365 E3/E5, Exchange Online Plan 2, or the Office 365 Data Loss Prevention add-on)';

const DLP_PLAN_IDS = new Set(Object.values(DLP_SERVICE_PLANS));
const DLP_PLAN_NAMES = new Set(Object.keys(DLP_SERVICE_PLANS).map((name) => name.toLowerCase()));

/** The active subscriptions (Enabled, or Warning: expired but in its grace period) whose plans include DLP for Exchange. */
export function dlpLicensedSkus(skus: SubscribedSkusDataset['skus']): string[] {
  return skus
    .filter((sku) => ['enabled', 'warning'].includes(sku.capabilityStatus.toLowerCase()))
    .filter((sku) =>
      sku.servicePlans.some(
        (plan) => (DLP_PLAN_IDS.has(plan.servicePlanId.toLowerCase()) || DLP_PLAN_NAMES.has(plan.servicePlanName.toLowerCase())) && plan.provisioningStatus !== 'Disabled',
      ),
    )
    .map((sku) => sku.skuPartNumber);
}
