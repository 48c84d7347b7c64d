// The layer list in the exported fastai script, and PyTorch's names for its tfjs layers.
import type { TorchLayer } from '../torch-names';
import type { FastaiModelContext } from '../kinds/kind';

export function fastaiLayerList(_m: { stack: string; init: string }, _ctx: FastaiModelContext): string[] {
  return ['model = None  # TODO'];
}

export function torchLayerList(_m: { stack: string; init: string }, _ctx: FastaiModelContext): TorchLayer[] {
  return [];
}
