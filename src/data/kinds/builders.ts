// The builder of every dataset kind: makes the kind's data in the worker. The map must name a
// builder for each kind of the catalog and nothing else: a kind without one is a compile error.
import { mnistBuilder } from '../mnist';
import { syntheticBuilder } from '../synthetic';
import { userFileBuilder } from '../user-file';
import type { DatasetKindId, DatasetSetup } from './catalog';
import type { DatasetBuilder } from './kind';

export type { DataContext, DatasetBuilder } from './kind';

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
