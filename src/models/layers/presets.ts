// The layer lists of the lessons: fastai course part 2's models, from the MLP to a small ResNet,
// and the deep MLP whose activations collapse under the default initialisation. Plain data.

export interface LayerPreset {
  id: string;
  label: string;
  /** What the preset shows. */
  teaches: string;
  /** The list, as the setup stores it. */
  stack: string;
  /** The initialisation the lesson uses with it. */
  init: 'glorot' | 'kaiming' | 'lsuv';
}

const deep = (n: number, units: number) => Array.from({ length: n }, () => `linear(${units}) relu`).join(' ');

export const LAYER_PRESETS: readonly LayerPreset[] = [
  { id: 'mlp', label: 'MLP', teaches: 'two dense layers: fits any data', stack: 'flatten linear(32) relu linear(32) relu', init: 'glorot' },
  {
    id: 'lenet',
    label: 'LeNet',
    teaches: 'convolutions and max pooling, as in 1998',
    stack: 'conv(8, 5) relu maxpool conv(16, 5) relu maxpool flatten linear(64) relu',
    init: 'kaiming',
  },
  {
    id: 'cnn',
    label: 'Plain CNN',
    teaches: "miniai's CNN: stride-2 convs halve the image instead of pooling",
    stack: 'conv(8, 5, 2) relu conv(16, stride=2) relu conv(32, stride=2) relu conv(64, stride=2) relu flatten',
    init: 'kaiming',
  },
  {
    id: 'bn-cnn',
    label: 'CNN + BatchNorm',
    teaches: 'the same CNN with BatchNorm after each conv: trains at a higher learning rate',
    stack: 'conv(8, 5, 2) bn2d relu conv(16, stride=2) bn2d relu conv(32, stride=2) bn2d relu conv(64, stride=2) bn2d relu flatten',
    init: 'kaiming',
  },
  {
    id: 'resnet',
    label: 'Small ResNet',
    teaches: 'residual blocks: the input skips two convs, so deep nets still train',
    stack: 'resblock(8) resblock(16, 2) resblock(32, 2) resblock(64, 2) globalavgpool',
    init: 'kaiming',
  },
  {
    id: 'deep-mlp',
    label: 'Deep MLP (8 × 50)',
    teaches: 'activations collapse layer by layer with the default init; Kaiming init or BatchNorm fixes it',
    stack: `flatten ${deep(8, 50)}`,
    init: 'glorot',
  },
];

export function findPreset(stack: string): LayerPreset | undefined {
  return LAYER_PRESETS.find((p) => p.stack === stack);
}
