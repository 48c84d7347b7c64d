// Measures each usable backend in turn on one setup and always puts the original backend back,
// reporting after each one so the page shows the figures as they come.
import type { BackendName, BackendSpeed } from '../messages';

export interface SpeedDeps {
  backends: BackendName[];
  current: BackendName;
  /** tf.setBackend + tf.ready: true when the backend initialised. */
  setBackend(name: BackendName): Promise<boolean>;
  /** Samples/s of the setup on the backend now set (null when there were too few batches), or throws. */
  time(name: BackendName): Promise<number | null>;
  report(speeds: BackendSpeed[], done: boolean): void;
}

export async function measureBackends(deps: SpeedDeps): Promise<BackendSpeed[]> {
  const speeds: BackendSpeed[] = [];
  try {
    for (const name of deps.backends) {
      speeds.push(await speedOn(name, deps));
      deps.report([...speeds], false);
    }
  } finally {
    await deps.setBackend(deps.current).catch(() => false);
  }
  deps.report(speeds, true);
  return speeds;
}

async function speedOn(name: BackendName, deps: SpeedDeps): Promise<BackendSpeed> {
  if (!(await deps.setBackend(name).catch(() => false))) return { name, samplesPerSecond: null, problem: `${name} could not start here` };
  try {
    const sps = await deps.time(name);
    return { name, samplesPerSecond: sps, problem: sps == null ? 'too few batches to time' : null };
  } catch (err) {
    return { name, samplesPerSecond: null, problem: err instanceof Error ? err.message : String(err) };
  }
}
