// The layer-list kind's builder: the list as a tfjs functional model (a ResBlock branches).
import type * as tf from '@tensorflow/tfjs';
import type { LayersSetup } from './kinds/layers';
import type { ModelBuilder } from './kinds/builders';

export const layerListBuilder: ModelBuilder<LayersSetup> = (): tf.LayersModel => {
  throw new RangeError('not built yet');
};
