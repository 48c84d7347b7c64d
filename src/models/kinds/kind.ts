// What a model kind is, as plain data the page may import: its name, description, parameters
// (the fields of its setup, with their rules and link keys), what it needs of the data, the
// summary that names a run, and its fastai counterpart. Its builder (tfjs) lives beside its
// layers and is listed in src/models/kinds/builders.ts.
import type { FieldSpec, FieldType, FieldValue } from '../../shared/params';
import type { TorchLayer } from '../torch-names';

/** What a model needs of the data; absent: any data fits. */
export interface ModelNeeds {
  images?: boolean;
  /** Class labels (no regression). */
  classes?: boolean;
}

export type { DataTraits } from '../../data/kinds/kind';

/** A kind's setup: `{ kind, ...one value per field }` (the flat shape stored in runs and links). */
export type SetupFrom<K extends string, P extends readonly FieldSpec[]> = { kind: K } & {
  -readonly [F in P[number] as F['key']]: FieldType<F>;
};

/** The data side of the generated fastai script, which the model's code builds on. */
export interface FastaiModelContext {
  /** Batches are images (bs, c, h, w), `img_shape` = (c, h, w); else rows (bs, n_in). */
  images: boolean;
}

export interface ModelKindSpec<K extends string = string, P extends readonly FieldSpec[] = readonly FieldSpec[]> {
  /** Stored in the setup and the link (`model=<kind>`). */
  kind: K;
  /** Short name: 'MLP'. */
  name: string;
  /** In the picker: 'MLP (dense layers)'. */
  label: string;
  description: string;
  params: P;
  needs: ModelNeeds;
  /** 'MLP 2 x 32 relu': names a run and a kept model. */
  summary(m: SetupFrom<K, P>): string;
  /** Python lines that set `model` and initialise it as the page's builder does (n_in, n_out and img_shape are defined before). */
  fastai(m: SetupFrom<K, P>, ctx: FastaiModelContext): string[];
  /** Why the model cannot be built for data of these sizes ("layer 2 (Conv2d): … tabular"), or null; absent: it always can. */
  ioProblem?(m: SetupFrom<K, P>, io: ModelIO): string | null;
  /** The builder's layers, their output shapes and parameter counts (equal to tfjs's summary of the built model). */
  plan(m: SetupFrom<K, P>, io: ModelIO): LayerPlan[];
  /** The modules of that script's nn.Sequential, grouped by the builder's tfjs layers (for PyTorch's names: "1.weight"). */
  torch(m: SetupFrom<K, P>, ctx: FastaiModelContext): TorchLayer[];
}

/** The sizes a model is built for: what the data decides. */
export interface ModelIO {
  inputs: number;
  /** Classes, or 1 for regression. */
  outputs: number;
  /** [h, w, c] for image data (h * w * c = inputs). */
  imageShape: readonly [number, number, number] | null;
}

/** One layer as the builder makes it (tfjs's class name), computed without building anything. */
export interface LayerPlan {
  kind: string;
  /** e.g. [null, 14, 14, 8]: null is the batch. */
  outputShape: (number | null)[];
  params: number;
}

/** Any kind, with its setup type erased (what code that handles every kind works on). */
export type AnyModelKind = ModelKindSpec<string, readonly FieldSpec[]>;

/** A setup of some kind, its values by field key. */
export type AnyModelSetup = { kind: string } & Record<string, FieldValue>;

/** Infers the kind's setup type from its fields (so summary and fastai are typed). */
export function defineModelKind<const K extends string, const P extends readonly FieldSpec[]>(
  spec: ModelKindSpec<K, P>,
): ModelKindSpec<K, P> {
  return spec;
}
