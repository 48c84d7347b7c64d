# Runs exported fastai scripts in one Python process: fastai is imported once, then each script
# runs with runpy in a fresh namespace, from its own folder, its output to log.txt there.
#   python3 runner.py JOBS.json RESULTS.json   (JOBS: [{"name", "dir", "script"}])
import contextlib, json, math, os, runpy, sys, time, traceback

t0 = time.time()
import numpy as np, torch
import fastai.vision.all, fastai.callback.all, fastai.distributed  # noqa: F401 (the import the scripts share)

torch.set_num_threads(int(os.environ.get('OMP_NUM_THREADS', '1')))
# No progress bars (the results are read from the Recorder): they cost a tenth of a second an epoch.
from fastai.callback.progress import ProgressCallback
from fastai.learner import defaults
defaults.callbacks = [cb for cb in defaults.callbacks if cb is not ProgressCallback]
print(f'fastai imported in {time.time() - t0:.1f} s', file=sys.stderr)


def number(v):
    v = float(v)
    return v if math.isfinite(v) else None


def report(ns):
    learn, dls = ns['learn'], ns['dls']
    names = list(learn.recorder.metric_names[1:-1])  # train_loss, valid_loss, metrics...
    # valid_loss and the metrics end each row (a cancelled training phase leaves train_loss out)
    valid_names = names[names.index('valid_loss'):]
    last = dict(zip(valid_names, learn.recorder.values[-1][-len(valid_names):])) if learn.recorder.values else {}
    out = {
        'validLoss': number(last['valid_loss']) if 'valid_loss' in last else None,
        'accuracy': number(last['accuracy']) if 'accuracy' in last else None,
        'epochs': len(learn.recorder.values),
        'nTrain': len(dls.train_ds),
        'nValid': len(dls.valid_ds),
        'trainBatches': len(dls.train),
    }
    if 'x' in ns and 'valid_idx' in ns:
        v = np.asarray(ns['valid_idx'], dtype=np.int64)
        out['validXSum'] = float(np.asarray(ns['x'])[v].astype(np.float64).sum())
        out['validYSum'] = float(np.asarray(ns['y'])[v].astype(np.float64).sum())
    return out


jobs = json.load(open(sys.argv[1]))
results = {}
for job in jobs:
    os.chdir(job['dir'])
    t = time.time()
    with open('log.txt', 'w') as log, contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
        try:
            results[job['name']] = {'ok': True, **report(runpy.run_path(job['script'], run_name='__main__'))}
        except BaseException:  # a script's SystemExit or KeyboardInterrupt is its failure too
            results[job['name']] = {'ok': False, 'error': traceback.format_exc()[-3000:]}
    results[job['name']]['seconds'] = round(time.time() - t, 2)
    print(f"{job['name']}: {'ok' if results[job['name']]['ok'] else 'FAILED'} in {time.time() - t:.1f} s", file=sys.stderr)
json.dump(results, open(sys.argv[2], 'w'), indent=1)
