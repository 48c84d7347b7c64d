// CSVLogger: fastai's column layout, time format, quoting, append mode.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import type { EpochRecord, Learner } from '../learner';
import { scriptedLearner } from './fixtures.test.util';
import { CSVLogger, formatTime, historyToCsv } from './csv-logger';

beforeAll(useCpuBackend);
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));

describe('CSV text', () => {
  it("fastai's format_time", () => {
    expect([0, 5.9, 65, 3599, 3600, 3725].map(formatTime)).toEqual(['00:00', '00:05', '01:05', '59:59', '1:00:00', '1:02:05']);
  });

  it('header epoch,train_loss,valid_loss,<metrics>,time; empty cells for missing values; quoted names', () => {
    const rows: EpochRecord[] = [
      { epoch: 0, trainLoss: 0.5, validLoss: 0.25, metrics: { accuracy: 0.75, 'f1,macro': 0.5 }, seconds: 61 },
      { epoch: 1, trainLoss: null, validLoss: null, metrics: {}, seconds: 2 },
    ];
    expect(historyToCsv(rows, ['accuracy', 'f1,macro'])).toBe(
      'epoch,train_loss,valid_loss,accuracy,"f1,macro",time\n0,0.5,0.25,0.75,0.5,01:01\n1,,,,,00:02\n',
    );
  });
});

describe('CSVLogger', () => {
  it('one line per epoch from the Recorder, matching recorder.values', async () => {
    const learn = scriptedLearner([0.5, 0.25, 0.125, 1], [1, 2, 3, 4]);
    live.push(learn);
    const logger = new CSVLogger();
    learn.addCb(logger);
    await learn.fit(3);
    const lines = logger.text.trimEnd().split('\n');
    expect(lines[0]).toBe('epoch,train_loss,valid_loss,score,time');
    expect(lines).toHaveLength(4);
    lines.slice(1).forEach((line, i) => {
      const [epoch, train, valid, score, time] = line.split(',');
      const r = learn.recorder!.values[i];
      expect([Number(epoch), Number(train), Number(valid), Number(score)]).toEqual([i, r.trainLoss, [0.5, 0.25, 0.125][i], i + 1]);
      expect(time).toMatch(/^\d\d:\d\d$/);
    });
    await learn.fit(1);
    expect(logger.text.trimEnd().split('\n')).toHaveLength(2); // a new fit starts a new file
  });

  it('append keeps earlier fits, header repeated as fastai', async () => {
    const learn = scriptedLearner([1, 1, 1]);
    live.push(learn);
    const logger = new CSVLogger('h.csv', true);
    learn.addCb(logger);
    await learn.fit(2);
    await learn.fit(1);
    const lines = logger.text.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('epoch,'))).toHaveLength(2);
    expect(lines).toHaveLength(5);
  });
});
