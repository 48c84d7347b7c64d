// show_training_loop: the ordered callbacks at each event, as a pure function of the callbacks.
import { describe, expect, it } from 'vitest';
import { Recorder, TrainEvalCallback, type Callback, type EventName } from '../learner';
import { GradientClip } from './gradient-clip';
import { MixUp } from './mixup';
import { ParamScheduler } from './param-scheduler';
import { formatTrainingLoop, showTrainingLoop, type Phase } from './show-training-loop';
import { TerminateOnNaNCallback } from './terminate-on-nan';

const cbs: Callback[] = [
  new TrainEvalCallback(),
  new Recorder(),
  new ParamScheduler({}),
  new GradientClip(),
  new MixUp(),
  new TerminateOnNaNCallback(),
];

function at(event: EventName, phase: Phase | null = null): string[] {
  const line = showTrainingLoop(cbs).find((l) => l.kind === 'event' && l.event === event && l.phase === phase);
  if (!line || line.kind !== 'event') throw new Error(`no line for ${event}`);
  return line.callbacks;
}

describe('showTrainingLoop', () => {
  it('lists, per event, the callbacks that handle it in running order', () => {
    expect(at('before_fit')).toEqual([
      'TrainEvalCallback',
      'TerminateOnNaNCallback',
      'MixUp',
      'GradientClip',
      'Recorder',
      'ParamScheduler',
    ]);
    expect(at('before_batch', 'train')).toEqual(['TerminateOnNaNCallback', 'MixUp', 'ParamScheduler']);
    expect(at('after_batch', 'train')).toEqual(['TrainEvalCallback', 'TerminateOnNaNCallback', 'MixUp', 'Recorder', 'ParamScheduler']);
    expect(at('before_step', 'train')).toEqual(['GradientClip']);
    expect(at('after_epoch')).toEqual(['GradientClip', 'Recorder']); // GradientClip: its stats, read once per epoch
  });

  it('mutes runTrain/runValid callbacks in the batch events of that phase only', () => {
    // TrainEval, MixUp and ParamScheduler have runValid = false
    expect(at('before_batch', 'valid')).toEqual(['TerminateOnNaNCallback']);
    expect(at('after_batch', 'valid')).toEqual(['TerminateOnNaNCallback', 'Recorder']);
    expect(at('before_validate')).toEqual(['TrainEvalCallback', 'Recorder']);
  });

  it('covers the 23 events of a fit (after_create runs in the constructor), with balanced Start/End lines, in the order the loop runs them', () => {
    const lines = showTrainingLoop([]);
    const events = new Set(lines.flatMap((l) => (l.kind === 'event' ? [l.event] : [])));
    expect(events.size).toBe(23);
    expect(events.has('after_create')).toBe(false);
    expect(lines.filter((l) => l.kind === 'start')).toHaveLength(lines.filter((l) => l.kind === 'end').length);
    expect(lines[0]).toEqual({ kind: 'start', label: 'Start Fit', depth: 0 });
    expect(lines[lines.length - 1]).toMatchObject({ kind: 'event', event: 'after_fit', depth: 0 });
    expect(lines.find((l) => l.kind === 'event' && l.event === 'before_batch')!.depth).toBe(4);
  });

  it('updates as callbacks change, and prints like fastai', () => {
    const text = formatTrainingLoop(showTrainingLoop([new TrainEvalCallback(), new GradientClip(0.1)]));
    expect(text.split('\n').slice(0, 4)).toEqual([
      'Start Fit',
      '   - before_fit           : [TrainEvalCallback, GradientClip]',
      '  Start Epoch Loop',
      '     - before_epoch         : []',
    ]);
    expect(text).toContain('       - before_step          : [GradientClip]');
    const custom = showTrainingLoop([new GradientClip()], () => 'clip');
    expect(custom.find((l) => l.kind === 'event' && l.event === 'before_step')).toMatchObject({ callbacks: ['clip'] });
  });
});
