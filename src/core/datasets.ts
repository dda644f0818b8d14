import type { z } from 'zod';
import { m365DatasetSchemas, type M365DatasetTypes } from '../providers/m365/datasets.js';

/** Every dataset any provider can collect, by name, with the schema its data must match. */
export const datasetSchemas = {
  ...m365DatasetSchemas,
} as const satisfies Record<string, z.ZodType>;

/** Name of a dataset a control can depend on. */
export type DatasetName = keyof typeof datasetSchemas;

/** The data type stored for each dataset. */
export type DatasetTypes = M365DatasetTypes;

/** Type guard for dataset names read from untrusted input (snapshots, config). */
export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(datasetSchemas, name);
}
