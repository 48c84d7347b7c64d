// What a user callback's code has in scope (user-code.ts's USER_SCOPE_NAMES): our Callback with
// `log`, tfjs, fastai's seven Cancel exceptions and a few helpers. One object, checked against the
// list of names, so the docs, the editor's completion and the code agree.
import * as tf from '@tensorflow/tfjs';
import { CANCEL_EXCEPTIONS, crossEntropyLoss, mseLoss } from '../learner';
import type { UserScopeName } from '../shared/user-code';
import { UserCallback } from './user-callback';

/** The global L2 norm of a list of tensors (the gradients, say) as a scalar tensor; nulls are skipped. */
export function globalNorm(tensors: readonly (tf.Tensor | null)[]): tf.Scalar {
  return tf.tidy(() => {
    const squares = tensors.flatMap((t) => (t ? [tf.sum(tf.square(t))] : []));
    return (squares.length ? tf.sqrt(tf.addN(squares)) : tf.scalar(0)) as tf.Scalar;
  });
}

export function userScope(): Record<UserScopeName, unknown> {
  return {
    Callback: UserCallback,
    tf,
    ...CANCEL_EXCEPTIONS,
    globalNorm,
    crossEntropyLoss,
    mseLoss,
  };
}
