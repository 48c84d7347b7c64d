// The builder of every dataset kind: makes the kind's data in the worker. The map must name a
// builder for each kind of the catalog and nothing else: a kind without one is a compile error.
import type { Dataset } from '../dataset';
import { mnistBuilder } from '../mnist';
import { syntheticBuilder } from '../synthetic';
import { userFileBuilder } from '../user-file';
import type { DatasetKindId, DatasetSetup } from './catalog';

/** What a builder may use: the network, data kept across runs, and the user's file. */
export interface DataContext {
  fetchBytes(url: string): Promise<ArrayBuffer>;
  /** The URL of a file the page serves from public/ (`data/mnist-10k.bin`). */
  url(path: string): string;
  /** Data kept for the worker's lifetime, by the builder's own key (MNIST is fetched once). */
  kept: Map<string, Dataset>;
  /** The user's last good file. */
  userFile: { name: string; data: Dataset } | null;
}

export interface DatasetBuilder<S> {
  /** Loads what `make` needs and is not here yet. */
  prepare?(ds: S, ctx: DataContext): Promise<void>;
  /** The whole dataset (split later) and its display name. */
  make(ds: S, ctx: DataContext): { name: string; full: Dataset };
}

export const DATASET_BUILDERS = {
  synthetic: syntheticBuilder,
  mnist: mnistBuilder,
  user: userFileBuilder,
} satisfies { [K in DatasetKindId]: DatasetBuilder<Extract<DatasetSetup, { kind: K }>> };

/** The builder of `ds`'s kind. */
export function datasetBuilderOf(ds: DatasetSetup): DatasetBuilder<DatasetSetup> {
  // Indexed by ds.kind, the builder takes exactly ds's kind: one cast, checked by the map's type.
  return DATASET_BUILDERS[ds.kind] as DatasetBuilder<DatasetSetup>;
}
