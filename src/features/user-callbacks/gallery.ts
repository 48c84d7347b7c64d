// Example callbacks the page offers as starting points: each is what a user would type in the
// editor (TypeScript, one class extending the Callback in scope, see src/shared/user-code.ts), short,
// with fastai's event names, and leaving no tensor behind. gallery.test.ts compiles, loads and runs
// every one of them and checks that each does what it says.

export interface GalleryExample {
  id: string;
  title: string;
  /** One line: what it teaches. */
  teaches: string;
  /** TypeScript, one class extending Callback. */
  source: string;
}

const printLoss = `// Prints the training loss every \`every\` batches, and charts the values it printed.
class PrintLoss extends Callback {
  every = 10; // training batches between prints

  async after_batch() {
    const learn = this.learn!;
    // learn.trainIter counts the training batches done, this one included
    // (TrainEvalCallback, order -10, runs first); a batch cancelled early has no loss.
    if (!learn.training || !learn.loss || learn.trainIter % this.every !== 0) return;
    // Reading a value back waits for the GPU: fine once every \`every\` batches.
    const [loss] = await learn.loss.data();
    console.log(\`epoch \${learn.epoch} batch \${learn.iter}: loss \${loss.toFixed(4)}\`);
    this.log('loss', loss);
  }
}
`;

const gradNorm = `// The L2 norm of each layer's gradients after every backward pass: one chart series per layer.
class GradNorm extends Callback {
  after_backward() {
    const learn = this.learn!;
    if (!learn.grads) return; // backward was cancelled
    // learn.grads[i] is the gradient of learn.params[i]; group them by layer:
    // 'dense_Dense1/kernel' and 'dense_Dense1/bias' -> 'dense_Dense1'
    const byLayer = new Map<string, tf.Tensor[]>();
    learn.grads.forEach((g, i) => {
      const layer = learn.params[i].name.split('/')[0];
      byLayer.set(layer, [...(byLayer.get(layer) ?? []), g]);
    });
    for (const [layer, grads] of byLayer) {
      // A scalar tensor: log reads it back later with the others, without waiting for the GPU.
      const norm = globalNorm(grads);
      this.log(layer, norm);
      norm.dispose(); // log keeps a copy of its own; the gradients are the Learner's
    }
  }
}
`;

const warmUp = `// Linear learning-rate warm-up: from lr / n up to the fit's lr over the first n training batches.
class WarmUp extends Callback {
  n = 100; // warm-up batches
  target = 0;

  before_fit() {
    // The lr this fit trains at: learn.lr, or the one given to fit(n, { lr }).
    this.target = this.learn!.opt!.hypers.lr;
  }

  before_batch() {
    const learn = this.learn!;
    // Training batches only; learn.trainIter counts the ones done before this one, over the fit.
    if (!learn.training || learn.trainIter >= this.n) return;
    learn.opt!.setHypers({ lr: (this.target * (learn.trainIter + 1)) / this.n });
  }
}
`;

const stopAtAccuracy = `// Stops the fit once the validation accuracy reaches \`threshold\`
// (the Learner needs the accuracy metric).
class StopAtAccuracy extends Callback {
  threshold = 0.95;
  order = 55; // after the Recorder (order 50), which writes the epoch's record at after_epoch

  after_epoch() {
    // recorder.values: one EpochRecord per epoch { epoch, trainLoss, validLoss, metrics, seconds }
    const acc = this.learn!.recorder!.values.at(-1)?.metrics.accuracy;
    if (acc === undefined || acc < this.threshold) return;
    console.log(\`accuracy \${acc.toFixed(3)} ≥ \${this.threshold} after epoch \${this.learn!.epoch}: stopping\`);
    // fastai's way out: after_cancel_fit, then after_fit, run; the fit ends without an error.
    throw new CancelFitException();
  }
}
`;

const skipNonFinite = `// Skips the update of any training batch whose loss is NaN or infinite.
// A teaching example: awaiting the loss reads the GPU at every batch, which stalls the pipeline
// (the Recorder reads its losses in groups for that reason). An async handler is awaited.
class SkipNonFinite extends Callback {
  skipped = 0;

  async after_loss() {
    const learn = this.learn!;
    if (!learn.training) return; // validation takes no step
    const [loss] = await learn.loss!.data();
    if (Number.isFinite(loss)) return;
    this.skipped++;
    console.log(\`epoch \${learn.epoch} batch \${learn.iter}: loss \${loss}, batch skipped\`);
    // Straight to after_cancel_batch and after_batch: no backward, no step, weights untouched.
    throw new CancelBatchException();
  }
}
`;

const labelSmoothing = `// Label smoothing (fastai's LabelSmoothingCrossEntropy) for the length of a fit:
// loss = (1 - eps) × cross entropy + eps × the mean over classes of -log p.
class LabelSmoothing extends Callback {
  eps = 0.1;
  original: typeof crossEntropyLoss | null = null; // the Learner's loss function, restored at after_fit

  before_fit() {
    const learn = this.learn!;
    this.original = learn.lossFunc;
    const eps = this.eps;
    // pred: logits [bs, c]; yb: int32 labels [bs]. tf.tidy frees everything but the result.
    learn.lossFunc = (pred, yb) =>
      tf.tidy(() => {
        const logp = tf.logSoftmax(pred);
        const nll = logp.mul(tf.oneHot(yb.toInt(), pred.shape[1])).sum(-1).neg(); // -log p(label)
        const spread = logp.mean(-1).neg(); // -mean over classes of log p
        return nll.mul(1 - eps).add(spread.mul(eps)).mean() as tf.Scalar;
      });
  }

  after_fit() {
    if (this.original) this.learn!.lossFunc = this.original;
    this.original = null;
  }
}
`;

const inputNoise = `// Gaussian noise on the inputs of every training batch, as miniai's DeviceCB-style callbacks
// transform xb at before_batch: the model trains on the noisy inputs, validation sees clean ones.
class InputNoise extends Callback {
  std = 0.1;
  runValid = false; // fastai's run_valid: the batch events of validation skip this callback

  before_batch() {
    const learn = this.learn!;
    const x = learn.xb[0];
    // tf.tidy frees the noise and keeps the sum. The Learner disposes a tensor put into xb at the
    // end of the batch; x itself belongs to the data loader: leave it alone.
    const noisy = tf.tidy(() => x.add(tf.randomNormal(x.shape, 0, this.std)));
    learn.xb = [noisy, ...learn.xb.slice(1)];
  }
}
`;

const validTrainRatio = `// A metric of your own, charted once per epoch: validation loss / training loss
// (above 1 and rising: the model has started to overfit).
class ValidTrainRatio extends Callback {
  // After the Recorder (50) has written the epoch's record, and before your log goes out (59).
  order = 55;

  after_epoch() {
    const last = this.learn!.recorder!.values.at(-1);
    // trainLoss is the smoothed training loss, as fastai shows it; null when a stage was cancelled.
    if (!last || last.trainLoss === null || last.validLoss === null) return;
    this.log('valid/train', last.validLoss / last.trainLoss);
  }
}
`;

export const GALLERY: readonly GalleryExample[] = [
  {
    id: 'print-loss',
    title: 'Print the loss every N batches',
    teaches: 'A class field as a parameter, after_batch in training only, and reading one value back with await data().',
    source: printLoss,
  },
  {
    id: 'grad-norm',
    title: 'Gradient norm per layer',
    teaches: 'learn.grads aligned with learn.params at after_backward, logging scalar tensors, and disposing what you create.',
    source: gradNorm,
  },
  {
    id: 'warm-up',
    title: 'Linear learning-rate warm-up',
    teaches: 'A scheduler: state set at before_fit, and opt.setHypers({ lr }) at before_batch of training batches.',
    source: warmUp,
  },
  {
    id: 'stop-at-accuracy',
    title: 'Stop when accuracy reaches a threshold',
    teaches: "The Recorder's per-epoch records, callback order, and ending a fit with CancelFitException.",
    source: stopAtAccuracy,
  },
  {
    id: 'skip-non-finite',
    title: 'Skip batches whose loss is not finite',
    teaches: 'An async handler at after_loss, and CancelBatchException to skip backward and step.',
    source: skipNonFinite,
  },
  {
    id: 'label-smoothing',
    title: 'Label smoothing',
    teaches: 'Swapping learn.lossFunc for a fit (and restoring it), with a loss written in tf ops inside tf.tidy.',
    source: labelSmoothing,
  },
  {
    id: 'input-noise',
    title: 'Gaussian noise on the inputs',
    teaches: 'Transforming xb at before_batch, runValid = false, and who owns the tensors put into xb.',
    source: inputNoise,
  },
  {
    id: 'valid-train-ratio',
    title: 'A metric of your own: valid / train loss',
    teaches: 'Computing a value from recorder.values at after_epoch and charting it with this.log.',
    source: validTrainRatio,
  },
];
