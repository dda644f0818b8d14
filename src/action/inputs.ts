import * as core from '@actions/core';
import { SEVERITY_ORDER, type Severity } from '../core/model.js';
import { isTenantIdOrDomain } from '../providers/m365/target.js';

/** The Action's inputs (action.yml), checked. Paths are as given; the runner resolves them against the workspace. */
export interface ActionInputs {
  provider?: 'm365' | 'google-workspace';
  tenantId?: string;
  clientId?: string;
  customerId?: string;
  subject?: string;
  serviceAccount?: string;
  config?: string;
  snapshot?: string;
  failOn: Severity;
  baseline?: string;
  sarifFile: string;
  /** Where to write the other reports; default `$RUNNER_TEMP/tenant-audit`. */
  outputDir?: string;
  summary: 'counts' | 'full';
}

/** A bad input: the message names it as the workflow spells it. */
export class ActionInputError extends Error {
  override readonly name = 'ActionInputError';
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(`Input '${input}': ${message}`);
  }
}

const PROVIDERS = ['m365', 'google-workspace'] as const;
const SUMMARIES = ['counts', 'full'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An input, trimmed; undefined when empty (GitHub passes an unset input as ''). */
function optional(name: string): string | undefined {
  return core.getInput(name) || undefined;
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = optional(name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new ActionInputError(name, `must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`);
  return value as T;
}

function required(name: string, provider: string, what: string): string {
  const value = optional(name);
  if (!value) throw new ActionInputError(name, `is required for provider ${provider}: ${what}.`);
  return value;
}

/**
 * Read and check the inputs. Sign-in inputs are required only when collecting (not with
 * `snapshot`), and only those of the chosen provider.
 */
export function readInputs(): ActionInputs {
  const snapshot = optional('snapshot');
  const providerInput = optional('provider');
  if (!snapshot && !providerInput) throw new ActionInputError('provider', `is required (${PROVIDERS.join(' or ')}) unless 'snapshot' is given.`);
  const provider = providerInput ? oneOf('provider', PROVIDERS, 'm365') : undefined;
  const inputs: ActionInputs = {
    ...(provider ? { provider } : {}),
    failOn: oneOf('fail-on', SEVERITY_ORDER, 'high'),
    summary: oneOf('summary', SUMMARIES, 'counts'),
    sarifFile: optional('sarif-file') ?? 'tenant-audit.sarif',
  };
  for (const [name, key] of [
    ['config', 'config'],
    ['snapshot', 'snapshot'],
    ['baseline', 'baseline'],
    ['customer-id', 'customerId'],
    ['output-dir', 'outputDir'],
  ] as const) {
    const value = optional(name);
    if (value) inputs[key] = value;
  }
  if (snapshot) return inputs;

  if (provider === 'm365') {
    const tenantId = required('tenant-id', provider, 'the tenant id (GUID) or its .onmicrosoft.com domain');
    if (!isTenantIdOrDomain(tenantId)) throw new ActionInputError('tenant-id', `must be a tenant id (GUID) or a domain such as contoso.onmicrosoft.com; got ${JSON.stringify(tenantId)}.`);
    // azure/login users often set AZURE_CLIENT_ID for the job; accept it rather than ask twice.
    const clientId = optional('client-id') ?? process.env.AZURE_CLIENT_ID;
    if (!clientId) throw new ActionInputError('client-id', `is required for provider m365: the application (client) id of the app registration with the federated credential.`);
    if (!GUID.test(clientId)) throw new ActionInputError('client-id', `must be the application (client) id, a GUID; got ${JSON.stringify(clientId)}.`);
    inputs.tenantId = tenantId;
    inputs.clientId = clientId;
  } else {
    const subject = required('subject', 'google-workspace', 'the super administrator to impersonate (the Policy API answers only to super administrators)');
    if (!EMAIL.test(subject)) throw new ActionInputError('subject', `must be an email address; got ${JSON.stringify(subject)}.`);
    inputs.subject = subject;
    const serviceAccount = optional('service-account');
    if (serviceAccount) {
      if (!EMAIL.test(serviceAccount)) throw new ActionInputError('service-account', `must be a service account's email, e.g. audit@project.iam.gserviceaccount.com; got ${JSON.stringify(serviceAccount)}.`);
      inputs.serviceAccount = serviceAccount;
    }
  }
  return inputs;
}
