import type { z } from 'zod';
import { googleDatasetSchemas } from './google.js';
import { exchangeDatasetSchemas } from './m365-exchange.js';
import { m365DatasetSchemas } from './m365.js';

/** Every dataset any provider can collect, by name, with the schema its data must match. */
export const datasetSchemas = {
  ...m365DatasetSchemas,
  ...exchangeDatasetSchemas,
  ...googleDatasetSchemas,
} as const satisfies Record<string, z.ZodType>;

/** Name of a dataset a control can depend on. */
export type DatasetName = keyof typeof datasetSchemas;

/** The data type stored for each dataset. */
export type DatasetTypes = { [K in DatasetName]: z.infer<(typeof datasetSchemas)[K]> };

/** Type guard for dataset names read from untrusted input (snapshots, config). */
export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(datasetSchemas, name);
}
