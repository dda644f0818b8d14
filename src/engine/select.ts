import { controlCatalogue } from '../controls/index.js';
import type { Control } from '../controls/define.js';
import type { Provider } from '../core/model.js';
import { ConfigError } from '../core/options.js';

/** The provider value of controls that belong in every report, whatever the cloud (the practice.* controls). */
export const ANY_PROVIDER = 'any';

/**
 * The controls of one provider (and the provider-neutral ones), narrowed to the ids asked for;
 * unknown ids are a ConfigError.
 */
export function selectControls(provider: Provider, ids: readonly string[] | undefined): Control[] {
  const ofProvider = controlCatalogue.filter((control) => control.meta.provider === provider || control.meta.provider === ANY_PROVIDER);
  if (!ids) return [...ofProvider];
  if (ids.length === 0) throw new ConfigError('Invalid options.controls: select at least one control (an empty selection checks nothing)', 'options.controls');
  const unknown = ids.filter((id) => !controlCatalogue.some((control) => control.meta.id === id));
  if (unknown.length > 0) {
    throw new ConfigError(`Invalid options.controls: unknown control id(s) ${unknown.join(', ')}`, 'options.controls');
  }
  const elsewhere = ids.filter((id) => !ofProvider.some((control) => control.meta.id === id));
  if (elsewhere.length > 0) {
    throw new ConfigError(`Invalid options.controls: ${elsewhere.join(', ')} belong(s) to another cloud than ${provider}`, 'options.controls');
  }
  return ofProvider.filter((control) => ids.includes(control.meta.id));
}
