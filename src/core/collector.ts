import type { DatasetName, DatasetTypes } from './datasets.js';
import type { Reason } from './model.js';
import type { Requirement } from './permissions.js';

/** Collection settings with defaults applied. */
export interface ResolvedCollectOptions {
  sharedAccountNames: readonly string[];
  signInLookbackDays: number;
}

/** What every collector gets, whatever the cloud. */
export interface CollectContext {
  now: Date;
  options: ResolvedCollectOptions;
  /** Record a fact about partial data; it lands in the dataset's meta.notes. */
  note(text: string): void;
  signal?: AbortSignal;
}

/** Reads one dataset from one API family and returns it in the dataset's schema shape. */
export interface DatasetCollector<N extends DatasetName, C extends CollectContext = CollectContext> {
  name: N;
  description: string;
  /** What must be granted or bought to read it; `tenant-audit permissions` prints these. */
  requirements: readonly Requirement[];
  collect(context: C): Promise<DatasetTypes[N]>;
}

/** A collector failed; carries the mapped reason and how many requests it made. */
export class CollectorFailure extends Error {
  override readonly name = 'CollectorFailure';
  constructor(
    readonly reason: Reason,
    readonly requests = 0,
  ) {
    super(reason.detail);
  }
}
