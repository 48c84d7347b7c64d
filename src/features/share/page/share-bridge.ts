// Share and export: the setup in the URL hash (read at load, written as the user edits, debounced,
// with history.replaceState), the history / fastai-script / model downloads, and loading model
// files back into the worker. Its state (what the link ignored, the kept model) is share-slice.ts.
// Code a link carries becomes read-only drafts (fromLink): nothing here sends it to the worker;
// only the person's click (accept, then Add) does.
import type { ParamValues } from '../../callbacks/messages';
import { fastaiScript, type FastaiUserFile } from './fastai-script';
import type { FastaiUserCallback } from './fastai-user-callbacks';
import { idxFilesOf } from '../../setup/page/files';
import { historyToCsv, historyToJson } from './history-export';
import { useStore, type AppState } from '../../../app/store';
import type { UserDraft } from '../../user-callbacks/page/user-callbacks-slice';
import { checkCallbacks, decodeState, encodeState } from './url-state';
import { monitorsFor } from '../../../shared/params';
import { download } from '../../../app/download';
import { onWorkerMessage, post } from '../../../app/worker-client';

const WRITE_DELAY_MS = 250;
let pending: Record<string, ParamValues> | null = null;

function enabledCallbacks(s: AppState): Record<string, ParamValues> {
  return Object.fromEntries(
    Object.entries(s.callbacks.choices)
      .filter(([, c]) => c.enabled)
      .map(([n, c]) => [n, c.params]),
  );
}

/** The link's callbacks, once the worker's catalog is here: checked, then switched on (others off). */
function applyPending(s: AppState): void {
  if (!pending || s.callbacks.catalog.length === 0) return;
  const { callbacks, ignored } = checkCallbacks(pending, s.callbacks.catalog, monitorsFor(s.dataset?.task ?? null));
  pending = null;
  if (ignored.length) s.setShare({ ignored: [...s.share.ignored, ...ignored] });
  for (const [name, c] of Object.entries(s.callbacks.choices))
    if (c.enabled && !(name in callbacks)) post({ type: 'callback-set', name, enabled: false, params: c.params });
  for (const [name, params] of Object.entries(callbacks)) post({ type: 'callback-set', name, enabled: true, params });
}

/** Switches these callbacks on (the others off) and sets the breakpoints, as opening a link does (reopening a saved run). */
export function applyCallbacksAndBreakpoints(callbacks: Record<string, ParamValues>, breakpoints: AppState['debug']['breakpoints']): void {
  useStore.setState((s) => ({ debug: { ...s.debug, breakpoints } }));
  pending = callbacks;
  applyPending(useStore.getState());
}

/** The code of the user callbacks a run would start with (added, and on in the worker), by class name, as sent. */
function userCode(s: AppState): Record<string, string> {
  const code: Record<string, string> = {};
  for (const d of s.userCallbacks.drafts) {
    const info = s.userCallbacks.infos[d.id];
    const source = s.userCallbacks.sent[d.id];
    if (d.added && !d.fromLink && info?.enabled && source !== undefined && !Object.hasOwn(code, info.className))
      code[info.className] = source;
  }
  return code;
}

export function currentHash(s: AppState = useStore.getState()): string {
  return encodeState({ setup: s.setup, callbacks: enabledCallbacks(s), breakpoints: s.debug.breakpoints, code: userCode(s) });
}

/** A link's code as drafts: read-only (fromLink), not added, never compiled nor sent from here. */
export function linkDrafts(code: Record<string, string>): UserDraft[] {
  return Object.entries(code).map(([className, source], n) => ({
    id: `cb-link-${n}-${Math.random().toString(36).slice(2, 10)}`,
    source,
    title: className,
    added: false,
    enabled: true,
    fromLink: true,
  }));
}

/** Appends the link's code to the drafts (the first selected) and shows the code tab. Sends nothing. */
function showLinkCode(code: Record<string, string> | undefined): void {
  const drafts = linkDrafts(code ?? {});
  if (drafts.length === 0) return;
  const s = useStore.getState();
  s.setUserDrafts([...s.userCallbacks.drafts, ...drafts]);
  s.selectUserDraft(drafts[0].id);
  s.showWorkbenchTab('code');
}

/** Reads the hash into the store, then keeps the hash equal to the setup. Returns the unsubscribe. */
export function initShare(): () => void {
  const hash = window.location.hash;
  if (hash.length > 1) {
    const d = decodeState(hash);
    useStore.getState().replaceSetup(d.setup);
    useStore.setState((s) => ({ debug: { ...s.debug, breakpoints: d.breakpoints } }));
    pending = d.callbacks;
    useStore.getState().setShare({ ignored: d.ignored });
    showLinkCode(d.code);
  }
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    if (pending) return; // the link's callbacks are not applied yet
    const next = `#${currentHash()}`;
    if (next !== window.location.hash) window.history.replaceState(window.history.state, '', next);
  };
  const unsubStore = useStore.subscribe((s, prev) => {
    if (s.callbacks.catalog !== prev.callbacks.catalog) applyPending(s);
    if (
      s.setup !== prev.setup ||
      s.callbacks.choices !== prev.callbacks.choices ||
      s.debug.breakpoints !== prev.debug.breakpoints ||
      s.userCallbacks.infos !== prev.userCallbacks.infos ||
      s.userCallbacks.sent !== prev.userCallbacks.sent
    ) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(write, WRITE_DELAY_MS);
    }
  });
  const unsubWorker = onWorkerMessage('model-exported', (msg) => {
    if (msg.purpose !== 'keep') {
      download(new Blob([msg.modelJson], { type: 'application/json' }), 'model.json');
      download(new Blob([msg.weights], { type: 'application/octet-stream' }), msg.weightsFile);
    }
  });
  return () => {
    unsubStore();
    unsubWorker();
  };
}

export function downloadHistory(format: 'csv' | 'json'): void {
  const { batches, epochs, userLog } = useStore.getState();
  const log = userLog.series;
  if (format === 'csv') download(new Blob([historyToCsv(batches.slice(), epochs, log)], { type: 'text/csv' }), 'history.csv');
  else download(new Blob([historyToJson(batches.slice(), epochs, log)], { type: 'application/json' }), 'history.json');
}

export function downloadScript(): void {
  const s = useStore.getState();
  let script: string;
  try {
    script = fastaiScript({ setup: s.setup, callbacks: enabledCallbacks(s), userFile: userFileOf(s), userCallbacks: userCallbacksOf(s) });
  } catch (err) {
    // a user callback fastai cannot take (its class name): say which and why
    s.setShare({ modelMessage: err instanceof Error ? err.message : String(err) });
    return;
  }
  s.setShare({ modelMessage: null });
  download(new Blob([script], { type: 'text/x-python' }), 'train_fastai.py');
}

/** The user's callbacks a run would start with, as the worker reported them, with the source it loaded. */
function userCallbacksOf(s: AppState): FastaiUserCallback[] {
  return s.userCallbacks.drafts.flatMap((d) => {
    const info = s.userCallbacks.infos[d.id];
    const source = s.userCallbacks.sent[d.id];
    return info?.enabled && source !== undefined ? [{ className: info.className, order: info.order, events: info.events, source }] : [];
  });
}

/** The user's file as the script reads it: the CSV as the worker parsed it (its task decided), or the IDX pair. */
function userFileOf(s: AppState): FastaiUserFile | null {
  if (s.setup.dataset.kind !== 'user') return null;
  const task = s.dataset?.source === 'user' ? s.dataset.task : 'classification';
  if (s.csv) {
    const { file, label, delimiter, header } = s.csv;
    return { format: 'csv', file, label, task, delimiter, header, columns: s.csv.columns.map((c) => c.name) };
  }
  const idx = idxFilesOf(s.userFile);
  return idx ? { format: 'idx', ...idx } : null;
}

export function exportModel(): void {
  post({ type: 'model-export' });
}

/** model.json and its weights file (picked together), sent to the worker for the next run. */
export async function importModel(files: readonly File[]): Promise<void> {
  const json = files.find((f) => /\.json$/i.test(f.name));
  const bin = files.find((f) => !/\.json$/i.test(f.name));
  if (!json || !bin || files.length !== 2) {
    useStore.getState().setShare({ modelMessage: 'Pick two files together: model.json and its weights (.bin)' });
    return;
  }
  const [modelJson, weights] = await Promise.all([json.text(), bin.arrayBuffer()]);
  useStore.getState().setShare({ modelMessage: null });
  post({ type: 'model-import', setup: useStore.getState().setup, name: json.name, modelJson, weights }, [weights]);
}
