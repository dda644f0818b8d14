import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../core/options.js';
import { TargetOptionsSchema, type TargetOptions } from './target-options.js';

// The MSP's tenants file (`tenant-audit sweep TENANTS_FILE`): the clients to audit, each with the
// configuration file's fields as its own options, and defaults (options, and the one credential per
// cloud shared by every tenant). Secrets never go in it: a client secret is named by the
// environment variable that holds it, keys and certificates by their file.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT_ID_OR_DOMAIN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9.-]+\.[a-z]{2,})$/i;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The Microsoft 365 credential every M365 tenant shares: one multi-tenant app registration. With
 * `certificatePath` or `clientSecretEnv` it is a certificate or secret credential of `clientId`;
 * with neither, the ambient identity (workload identity federation, managed identity, Azure CLI)
 * through DefaultAzureCredential. Either way it is built with `additionallyAllowedTenants: ['*']`.
 */
export const M365CredentialConfigSchema = z
  .object({
    /** The app registration's application (client) id. */
    clientId: z.string().regex(GUID, 'must be the application (client) id, a GUID').optional(),
    /** The app's home tenant (the MSP's own); the first Microsoft 365 tenant of the file when absent. */
    tenantId: z.string().regex(TENANT_ID_OR_DOMAIN, 'must be a tenant GUID or a domain name').optional(),
    /** A PEM file with the certificate and its private key. */
    certificatePath: z.string().min(1).optional(),
    /** The name of the environment variable that holds the client secret (never the secret itself). */
    clientSecretEnv: z.string().regex(ENV_NAME, 'must be the name of an environment variable, e.g. TENANT_AUDIT_CLIENT_SECRET').optional(),
  })
  .strict();

/** The Google access every Google tenant shares: one service account, by key file or keyless. */
export const GoogleAccessConfigSchema = z
  .object({
    /** A service-account key JSON file (domain-wide delegation in each customer). */
    keyFile: z.string().min(1).optional(),
    /** Keyless: the service account to sign as with the ambient identity (workload identity federation). */
    serviceAccount: z.string().email('must be the service account e-mail').optional(),
  })
  .strict();

/** A Microsoft 365 tenant of the file: its id or verified domain, and its own options. */
export const M365TenantEntrySchema = TargetOptionsSchema.extend({
  provider: z.enum(['m365', 'microsoft-365']),
  /** Directory (tenant) id GUID, or a verified domain such as `clinic.onmicrosoft.com`. */
  tenantId: z.string().regex(TENANT_ID_OR_DOMAIN, 'must be a tenant GUID or a domain name'),
  /** The clinic's name in the reports and the portfolio. */
  name: z.string().min(1).optional(),
}).strict();

/** A Google Workspace customer of the file: the super administrator to impersonate, its customer id, and its own options. */
export const GoogleTenantEntrySchema = TargetOptionsSchema.extend({
  provider: z.enum(['google', 'google-workspace']),
  /** The customer id (`C0abc123`); `my_customer` (the subject's own customer) when absent. */
  customerId: z.string().regex(/^(my_customer|C[0-9a-z]+)$/i, "must be 'my_customer' or a customer id such as C0abc123").optional(),
  /** The customer's super administrator to impersonate. */
  subject: z.string().email('must be the e-mail of a super administrator of the customer'),
  name: z.string().min(1).optional(),
}).strict();

/** The defaults: options every tenant gets unless it sets its own, and the shared credentials. */
export const TenantsDefaultsSchema = TargetOptionsSchema.extend({
  m365: M365CredentialConfigSchema.optional(),
  google: GoogleAccessConfigSchema.optional(),
}).strict();

/** The tenants file as a whole (`schema/tenants.json` is generated from it). */
export const TenantsFileSchema = z
  .object({
    /** The JSON Schema the file follows, for editors (`tenant-audit/schema/tenants.json`). */
    $schema: z.string().optional(),
    defaults: TenantsDefaultsSchema.optional(),
    tenants: z.array(z.union([M365TenantEntrySchema, GoogleTenantEntrySchema])).min(1, 'list at least one tenant'),
  })
  .strict();

/** The JSON Schema of the tenants file (shipped as `tenant-audit/schema/tenants.json`, for editors and other languages). */
export function tenantsJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://unpkg.com/tenant-audit/schema/tenants.json',
    title: 'tenant-audit tenants file (sweep)',
    ...z.toJSONSchema(TenantsFileSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
  };
}

/** A tenants file, as written. */
export type TenantsFile = z.input<typeof TenantsFileSchema>;
export type M365TenantEntry = z.input<typeof M365TenantEntrySchema>;
export type GoogleTenantEntry = z.input<typeof GoogleTenantEntrySchema>;
export type TenantEntry = M365TenantEntry | GoogleTenantEntry;

/** A checked tenants file: the defaults split into options and credentials, every tenant valid. */
export interface CheckedTenantsFile {
  file: string;
  options: TargetOptions;
  m365?: z.input<typeof M365CredentialConfigSchema>;
  google?: z.input<typeof GoogleAccessConfigSchema>;
  tenants: TenantEntry[];
}

/** Whether an entry is a Microsoft 365 tenant. */
export function isM365Entry(entry: TenantEntry): entry is M365TenantEntry {
  return entry.provider === 'm365' || entry.provider === 'microsoft-365';
}

/** The tenant's own options (its entry without provider, ids and name). */
export function entryOptions(entry: TenantEntry): TargetOptions {
  const { provider: _provider, name: _name, ...rest } = entry as TenantEntry & Record<string, unknown>;
  const { tenantId: _tenantId, customerId: _customerId, subject: _subject, ...options } = rest;
  return options as TargetOptions;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
}

/** Fields people put in the file by mistake, and what the file takes instead. */
const INSTEAD: Readonly<Record<string, string>> = {
  clientSecret: 'put the secret in an environment variable and name it with clientSecretEnv: a secret never goes in the file',
  privateKey: 'name the service account key file with keyFile (or a keyless serviceAccount)',
  password: 'tenant-audit signs in as an app, never with a password',
};

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const advice = issue.keys.map((key) => INSTEAD[key]).filter(Boolean);
    return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}${advice.length ? `: ${advice.join('; ')}` : ''}`;
  }
  // zod's "expected string, received undefined" says less than this.
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `missing (expected ${issue.expected})`;
  return issue.message;
}

/**
 * Check a tenants file's text (JSON, or YAML when `file` ends in .yaml/.yml) before anything runs.
 *
 * @throws ConfigError naming the file, the tenant's index and name, and the field: `Invalid
 *   tenants.yaml: tenants[3] (Harbour View) at thresholds.inactiveDays: Too small ...`.
 */
export async function parseTenantsFile(text: string, file: string): Promise<CheckedTenantsFile> {
  const yaml = /\.ya?ml$/i.test(file);
  let value: unknown;
  try {
    value = yaml ? (await import('yaml')).parse(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid ${yaml ? 'YAML' : 'JSON'}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, file);
  }
  const fail = (where: string, message: string, field: string): never => {
    throw new ConfigError(`Invalid ${file}${where ? ` ${where}` : ''}: ${message}`, `${file}:${field}`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('', 'expected an object with `tenants` (and optionally `defaults`)', '(root)');
  const { tenants, ...rest } = value as { tenants?: unknown } & Record<string, unknown>;
  // The file without its tenants first, then each tenant on its own, so an error names the tenant.
  const outer = TenantsFileSchema.omit({ tenants: true }).safeParse(rest);
  if (!outer.success) {
    const issue = outer.error.issues[0]!;
    fail(`at ${pathText(issue.path)}`, issueText(issue), pathText(issue.path));
  }
  if (!Array.isArray(tenants) || tenants.length === 0) fail('at tenants', 'list at least one tenant', 'tenants');
  const entries: TenantEntry[] = [];
  const seen = new Map<string, number>();
  for (const [index, raw] of (tenants as unknown[]).entries()) {
    const name = typeof (raw as { name?: unknown } | null)?.name === 'string' ? (raw as { name: string }).name : undefined;
    const label = `tenants[${index}]${name ? ` (${name})` : ''}`;
    const provider = (raw as { provider?: unknown } | null)?.provider;
    const schema = provider === 'm365' || provider === 'microsoft-365' ? M365TenantEntrySchema : provider === 'google' || provider === 'google-workspace' ? GoogleTenantEntrySchema : undefined;
    if (!schema) fail(`${label} at provider`, `expected m365 or google, got ${JSON.stringify(provider)}`, `tenants[${index}].provider`);
    const parsed = schema!.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = pathText(issue.path);
      fail(`${label}${where ? ` at ${where}` : ''}`, issueText(issue), `tenants[${index}]${where ? `.${where}` : ''}`);
    }
    // The entry as written, once valid: a parsed one would carry every threshold's default, which
    // would override the defaults block's thresholds for this tenant.
    const entry = raw as TenantEntry;
    const identity = isM365Entry(entry) ? `m365:${entry.tenantId.toLowerCase()}` : `google:${(entry.customerId ?? 'my_customer').toLowerCase()}:${entry.subject.toLowerCase()}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) fail(label, `the same tenant as tenants[${earlier}]: each tenant is listed once`, `tenants[${index}]`);
    seen.set(identity, index);
    entries.push(entry);
  }
  const { defaults } = rest as { defaults?: z.input<typeof TenantsDefaultsSchema> };
  const { m365, google, ...options } = defaults ?? {};
  return { file, options, ...(m365 ? { m365 } : {}), ...(google ? { google } : {}), tenants: entries };
}

/** Read and check a tenants file; see {@link parseTenantsFile}. */
export async function loadTenantsFile(file: string): Promise<CheckedTenantsFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the tenants file ${file}: ${error instanceof Error ? error.message : String(error)}`, file);
  }
  return parseTenantsFile(text, file);
}
