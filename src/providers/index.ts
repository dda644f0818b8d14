import { ConfigError, parseOrThrow } from '../core/options.js';
import { googleProvider } from './google/index.js';
import type { GoogleWorkspaceTarget } from './google/target.js';
import { m365Provider } from './m365/index.js';
import type { M365Target } from './m365/target.js';
import type { ProviderModule, TargetBase } from './types.js';

/**
 * Every cloud tenant-audit audits. Adding one: a folder under `providers/` implementing
 * ProviderModule, its datasets, controls and simulator, and one line here.
 */
export const providerModules = [m365Provider, googleProvider] as const satisfies readonly ProviderModule<any>[];

/** Anything tenant-audit can audit. */
export type AuditTarget = M365Target | GoogleWorkspaceTarget;

/** The id of a provider tenant-audit knows, e.g. `m365`. */
export type ProviderId = (typeof providerModules)[number]['id'];

/** The ids of every provider, in registry order. */
export const providerIds: readonly ProviderId[] = providerModules.map((provider) => provider.id);

/** The provider module for an id, or undefined for an unknown one. */
export function findProvider(id: string): ProviderModule | undefined {
  return (providerModules as readonly ProviderModule<any>[]).find((provider) => provider.id === id);
}

/** The provider module for an id or one of its aliases (`google`); a ConfigError naming `field` otherwise. */
export function providerNamed(name: string, field: string): ProviderModule {
  const found = (providerModules as readonly ProviderModule<any>[]).find((provider) => provider.id === name || provider.aliases.includes(name));
  if (!found) {
    const known = providerModules.flatMap((provider) => provider.aliases).join(', ');
    throw new ConfigError(`Invalid ${field}: unknown provider ${JSON.stringify(name)}; expected one of ${known}`, field);
  }
  return found;
}

/** The provider a dataset name belongs to (by its prefix). */
export function providerOfDataset(name: string): ProviderModule | undefined {
  return (providerModules as readonly ProviderModule<any>[]).find((provider) => name.startsWith(provider.datasetPrefix));
}

/** Validate a target against its provider's schema; throws a ConfigError naming the bad field. */
export function validateTarget(target: unknown): AuditTarget {
  const id = (target as TargetBase | null)?.provider;
  const provider = typeof id === 'string' ? findProvider(id) : undefined;
  if (!provider) {
    throw new ConfigError(
      `Invalid target.provider: expected ${providerIds.map((known) => `'${known}'`).join(' or ')}, got ${JSON.stringify(id)}`,
      'target.provider',
    );
  }
  return parseOrThrow(provider.targetSchema, target, 'target') as AuditTarget;
}

/** The id a report names a target by. */
export function targetId(target: AuditTarget): string {
  return (findProvider(target.provider) as ProviderModule<AuditTarget>).targetId(target);
}

export type { ProviderModule, TargetBase } from './types.js';
