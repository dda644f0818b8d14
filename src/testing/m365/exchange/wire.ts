/**
 * How the Exchange Online admin API writes cmdlet output on the wire, as a raw `InvokeCommand`
 * answer shows it (test/testing/fixtures/exchange-reference/invokecommand-get-mailbox-response.json):
 * PascalCase properties in the cmdlet's own order, each array preceded by
 * `"X@odata.type": "#Collection(String)"`, GUIDs by `"X@data.type": "System.Guid"` and
 * `"X@odata.type": "#Guid"`, dates by `"X@data.type": "System.DateTime"` and written
 * `2022-09-21T08:07:47.0000000+00:00` (`...Z` for the *UTC properties), nulls unannotated.
 */
import type { Json, JsonObject } from '../graph/http.js';

/** How a property is typed on the wire, which decides its annotations. */
export type WireType = 'Collection' | 'Guid' | 'DateTime' | 'Int32' | 'Int16' | 'Version' | 'HashtableArray';

/** One property of a cmdlet's output: its name, a default value and its wire type. */
export type PropertyTemplate = readonly [name: string, value: Json, type?: WireType];

/** The token templates use for the tenant's organisation name (the initial domain's first label). */
export const ORG_TOKEN = '{{org}}';

/** An ISO timestamp (`2026-11-19T08:00:00Z`) as the admin API writes a `System.DateTime`. */
export function wireDate(iso: string, utc: boolean): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${iso}`);
  const text = date.toISOString(); // 2026-11-19T08:00:00.000Z
  const fraction = `${text.slice(20, 23)}0000`;
  return `${text.slice(0, 19)}.${fraction}${utc ? 'Z' : '+00:00'}`;
}

/** Whether a property holds a UTC-kind date (Exchange writes those with `Z`, the others with `+00:00`). */
function isUtcProperty(name: string): boolean {
  return /utc$/i.test(name);
}

/**
 * A PowerShell hash table as the admin API writes it: a list of `{_key, _value}` entries typed
 * `#Exchange.GenericHashTable` (the shape Purview tools parse for DLP rules' hash-table properties
 * such as EndpointDlpRestrictions; the same type CIPP sends hash-table parameters as).
 */
export function genericHashTable(entries: Record<string, Json>): JsonObject[] {
  return Object.entries(entries).map(([key, value]) => ({ '@odata.type': '#Exchange.GenericHashTable', _key: key, _value: value }));
}

function substituteOrg(value: Json, org: string): Json {
  if (typeof value === 'string') return value.includes(ORG_TOKEN) ? value.split(ORG_TOKEN).join(org) : value;
  if (Array.isArray(value)) return value.map((item) => substituteOrg(item, org));
  return value;
}

/** What {@link renderObject} fills in. */
export interface RenderInput {
  /** Values by property name; a property not given keeps the template's default. */
  values: Record<string, Json | undefined>;
  /** The organisation name that replaces {@link ORG_TOKEN} in defaults. */
  org: string;
  /**
   * Dates for `DateTime` template properties not given in `values`: `*Created*` ones get `created`,
   * others `changed`. (Templates type a property `DateTime` only where a real answer has a date; a
   * date that is null in real answers is untyped there and stays null.)
   */
  created: string;
  changed: string;
}

/**
 * One output object: every template property in order, given values over defaults, with the wire
 * annotations before each annotated value. `DateTime` values are given as ISO timestamps and
 * converted to the wire format; a template's own dates are never served (they would not move with
 * the scenario's clock).
 */
export function renderObject(template: readonly PropertyTemplate[], input: RenderInput): JsonObject {
  const object: JsonObject = {};
  for (const [name, fallback, type] of template) {
    let value: Json;
    if (Object.prototype.hasOwnProperty.call(input.values, name) && input.values[name] !== undefined) {
      value = input.values[name] as Json;
    } else if (type === 'DateTime') {
      value = /created/i.test(name) ? input.created : input.changed;
    } else {
      value = substituteOrg(fallback, input.org);
    }
    // Every date reaching here is an ISO timestamp from the model (template defaults are replaced above).
    if (type === 'DateTime' && typeof value === 'string') value = wireDate(value, isUtcProperty(name));
    annotate(object, name, value, type);
    object[name] = value;
  }
  return object;
}

function annotate(object: JsonObject, name: string, value: Json, type: WireType | undefined): void {
  if (value === null || type === undefined) return;
  switch (type) {
    case 'Collection':
      if (Array.isArray(value)) object[`${name}@odata.type`] = '#Collection(String)';
      return;
    case 'Guid':
      if (typeof value === 'string' && value !== '') {
        object[`${name}@data.type`] = 'System.Guid';
        object[`${name}@odata.type`] = '#Guid';
      }
      return;
    case 'DateTime':
      object[`${name}@data.type`] = 'System.DateTime';
      return;
    case 'Int32':
      if (typeof value === 'number') object[`${name}@data.type`] = 'System.Int32';
      return;
    case 'Int16':
      if (typeof value === 'number') {
        object[`${name}@data.type`] = 'System.Int16';
        object[`${name}@odata.type`] = '#Int16';
      }
      return;
    case 'Version':
      // Inferred: the module turns these back into System.Version objects (the ScubaGear sample shows
      // RuleVersion as {Major, Minor, ...}), so the wire must say which .NET type the string is.
      if (typeof value === 'string') object[`${name}@data.type`] = 'System.Version';
      return;
    case 'HashtableArray':
      return;
  }
}
