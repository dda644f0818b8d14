import type { z } from 'zod';
import type { DatasetName, DatasetTypes } from '../datasets/index.js';
import type { Reason } from '../core/model.js';
import type { RetrySettings } from '../core/http-retry.js';
import type { Requirement } from '../core/permissions.js';
import type { SecretScope } from '../core/redact.js';
import type { AuditMemo } from '../core/audit-memo.js';
import type { RequestGate } from '../core/request-gate.js';

/** Collection settings with defaults applied. */
export interface ResolvedCollectOptions {
  sharedAccountNames: readonly string[];
  /** The configured break-glass entries: ids among them may be groups whose members must be read. */
  breakGlassAccounts: readonly string[];
  signInLookbackDays: number;
}

/** How the provider's HTTP clients behave for one audit. */
export interface HttpSettings {
  /** Per-attempt timeout (ms); also bounds getting a token. */
  timeoutMs: number;
  /** The retry policy; tenant-audit's defaults where absent. */
  retry?: Partial<RetrySettings>;
  /** Most pages one collection may take before its dataset fails. */
  maxPages?: number;
  /** The audit's secrets (access tokens the clients obtain are added for redaction). */
  secrets?: SecretScope;
  /** Bounds the requests in flight across the audits that share it (a sweep's); none when absent. */
  gate?: RequestGate;
}

/** What every collector gets, whatever the cloud. */
export interface CollectContext {
  now: Date;
  options: ResolvedCollectOptions;
  /** Record a fact about partial data; it lands in the dataset's meta.notes. */
  note(text: string): void;
  signal?: AbortSignal;
  http: HttpSettings;
  /**
   * Answers shared by this audit's collectors (one Directory customers.get for every Google dataset
   * that needs the customer). Absent outside an audit: each collector then asks on its own.
   */
  shared?: AuditMemo;
}

/** What collecting one dataset cost, whether it succeeded or not. */
export interface CollectCost {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Of those, retries of throttled, failed or timed-out requests. */
  retries: number;
  /** Milliseconds spent waiting before those retries (Retry-After or backoff). */
  waitedMs?: number;
}

/** What a dataset is and what must be granted to read it; no code that talks to a service. */
export interface DatasetDeclaration {
  description: string;
  /** The calls made, as the service documents them (endpoint, cmdlet or method, with the fields asked for). */
  reads: readonly string[];
  /**
   * The expected share of collection time, relative to the provider's other datasets (default 1):
   * the longest start first, so that they are not left on the critical path.
   */
  weight?: number;
  /** What must be granted or bought to read it; `tenant-audit permissions` prints these. */
  requirements: readonly Requirement[];
}

/** Reads one dataset from one API family and returns it in the dataset's schema shape. */
export interface DatasetCollector<N extends DatasetName, C extends CollectContext = CollectContext> extends DatasetDeclaration {
  name: N;
  collect(context: C): Promise<DatasetTypes[N]>;
}

/** A collector failed; carries the mapped reason and how many requests it made. */
export class CollectorFailure extends Error {
  override readonly name = 'CollectorFailure';
  constructor(
    readonly reason: Reason,
    readonly cost: CollectCost = { requests: 0, retries: 0 },
  ) {
    super(reason.detail);
  }
}

/** Any audit target: the provider id plus whatever that provider needs. */
export interface TargetBase {
  provider: string;
  /** A display name for reports (e.g. the practice's name). */
  name?: string;
}

/**
 * One cloud tenant-audit can audit. Everything cloud-specific lives behind this interface: the
 * engine, catalogue, CLI and reporters only ever go through the registry in `providers/index.ts`.
 * Importing a module must stay cheap: service clients load when a dataset is first collected.
 */
export interface ProviderModule<T extends TargetBase = TargetBase> {
  /** The id targets, snapshots, reports and controls carry, e.g. `m365`. */
  id: T['provider'];
  /** The name people know the cloud by, e.g. `Microsoft 365`. */
  label: string;
  /** Other names people type for it on the command line (`google`), the id included. */
  aliases: readonly string[];
  /** Every dataset name of this provider starts with this, e.g. `m365.`. */
  datasetPrefix: string;
  /** Validates a target of this provider (zod; the engine turns issues into ConfigErrors naming the field). */
  targetSchema: z.ZodType<T>;
  /** The id a report names the target by (a tenant id, a customer id or domain). */
  targetId(target: T): string;
  /** The datasets this provider can collect, with their requirements. */
  datasets: Readonly<Record<string, DatasetDeclaration>>;
  /** A heading for each kind of requirement this provider declares, as the admin consoles name them. */
  requirementKindLabels: Readonly<Record<string, string>>;
  /** What to grant, as `tenant-audit permissions <provider>` prints it (the provider knows its consoles' words). */
  formatPermissions(requirements: readonly Requirement[]): string;
  /**
   * Prove the credential works for this target before any dataset is read (one token request),
   * so that a wrong secret or a missing consent is one tenant failure, not a report of
   * not-assessed findings.
   *
   * @throws TenantAccessError naming the cause and the fix.
   */
  checkAccess(target: T, options: { signal?: AbortSignal; timeoutMs: number }): Promise<void>;
  /**
   * A preflight for `tenant-audit check`: in seconds, whether the app can sign in to the tenant
   * (consent), holds the permissions, roles and licences the audit needs; a line per check. Uses
   * checkAccess plus a few cheap reads; never throws for the tenant's own problems.
   */
  preflight(target: T, options: PreflightOptions): Promise<PreflightCheck[]>;
  /** How the command line builds this provider's targets (`tenant-audit audit <command>`). */
  cli: ProviderCli<T>;
  /**
   * Collect one dataset for one target with the provider's own clients.
   *
   * @throws CollectorFailure with the mapped reason and the requests made.
   */
  collectDataset(name: DatasetName, target: T, context: CollectContext): Promise<{ data: unknown } & CollectCost>;
}

/** How a preflight runs, and what the audit needs (the catalogue's requirements, optional ones marked). */
export interface PreflightOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  /** What the controls need (`requiredPermissions(provider)`): a missing optional one only warns. */
  requirements: readonly Requirement[];
}

/** One line of a preflight: what was checked and what was found. */
export interface PreflightCheck {
  /** What was checked, in a word or two (`consent`, `Exchange role`, `licences`). */
  name: string;
  /** `fail`: the audit would miss something; `warn`: it would see less; `ok`: in place. */
  status: 'ok' | 'warn' | 'fail';
  /** What was found and, when not ok, what to do. */
  detail: string;
}

/** One command-line flag of a provider's `audit` command. */
export interface CliFlag {
  /** As commander spells it: `--tenant <id>`. */
  flags: string;
  description: string;
  required?: boolean;
}

/** What the command line needs to know to audit one provider's tenant; no commander types here. */
export interface ProviderCli<T extends TargetBase> {
  /** `tenant-audit audit <command>`, e.g. `m365`, `google`. */
  command: string;
  description: string;
  flags: readonly CliFlag[];
  /** Target field paths (`target.tenantId`) and the flag that sets each, so errors name what the user typed. */
  fieldFlags: Readonly<Record<string, string>>;
  /**
   * A target (credential included) from the parsed flags, keyed as commander camel-cases them.
   *
   * @throws ConfigError naming the flag.
   */
  target(flags: Readonly<Record<string, string | undefined>>): Promise<T>;
}
