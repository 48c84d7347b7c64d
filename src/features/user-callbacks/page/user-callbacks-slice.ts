// Callbacks the user writes, page side: the drafts (the source in each editor, kept in the
// browser), what the worker made of each (class, order, events, live or not), the errors to mark
// in the editor (a compile error before sending; a load or runtime error from the worker), the
// tensors each left behind, the code a link brought (read-only until the user says it may run) and
// the series `this.log` filled.
import type { StateCreator } from 'zustand';
import type { WorkerToPage } from '../../messages';
import type { AppState } from '../../../app/store';
import type { CompileError } from '../compile';
import type { UserCallbackInfo, UserCallbackLeak, UserCodeError } from '../messages';

export interface UserDraft {
  id: string;
  source: string;
  /** The class name as last compiled (the list's label before the worker answers). */
  title: string;
  /** Sent to the worker (Add pressed): the worker holds it until Remove. */
  added: boolean;
  /** Its switch: in every new fit (and the running one) while on. */
  enabled: boolean;
  /** Arrived in a link and not yet accepted: shown read-only, never sent. */
  fromLink: boolean;
}

/** The class the source defines, as the list shows it while the user types (the compile decides). */
export function titleOf(draft: Pick<UserDraft, 'source' | 'title'>): string {
  return /\bclass\s+([A-Za-z_$][\w$]*)\s+extends\s+Callback\b/.exec(draft.source)?.[1] ?? draft.title;
}

export interface UserCallbacksState {
  drafts: UserDraft[];
  selected: string | null;
  /** What the worker holds, by id. */
  infos: Record<string, UserCallbackInfo>;
  compileErrors: Record<string, CompileError>;
  /** The worker's last load or runtime error, by id. */
  errors: Record<string, UserCodeError>;
  /** The last fit's leaks. */
  leaks: UserCallbackLeak[];
  /** The source as last sent, by id: the editor says when it has changed since (Update). */
  sent: Record<string, string>;
}

/** One logged series: arrays that only grow (appended in place); `version` says they did. */
export interface LogSeries {
  x: number[];
  y: number[];
}

export interface UserLogState {
  key: string;
  series: Record<string, LogSeries>;
  /** Bumped at each append: what selectors of the series compare. */
  version: number;
}

export interface UserCallbacksSlice {
  userCallbacks: UserCallbacksState;
  userLog: UserLogState;
  setUserDrafts: (drafts: UserDraft[]) => void;
  editUserDraft: (id: string, source: string) => void;
  selectUserDraft: (id: string | null) => void;
  setCompileError: (id: string, error: CompileError | null) => void;
  markSent: (id: string, source: string, title: string) => void;
  setDraftEnabled: (id: string, enabled: boolean) => void;
  /** The page's own note on a callback (a stuck handler it stopped), shown as its error. */
  setUserError: (error: UserCodeError) => void;
}

export const EMPTY_LOG: UserLogState = { key: '', series: {}, version: 0 };

const INITIAL: UserCallbacksState = { drafts: [], selected: null, infos: {}, compileErrors: {}, errors: {}, leaks: [], sent: {} };

function without<T>(record: Record<string, T>, id: string): Record<string, T> {
  if (!(id in record)) return record;
  const next = { ...record };
  delete next[id];
  return next;
}

export const createUserCallbacksSlice: StateCreator<AppState, [], [], UserCallbacksSlice> = (set) => {
  const patch = (f: (u: UserCallbacksState) => Partial<UserCallbacksState>) =>
    set((s) => ({ userCallbacks: { ...s.userCallbacks, ...f(s.userCallbacks) } }));
  return {
    userCallbacks: INITIAL,
    userLog: EMPTY_LOG,
    setUserDrafts: (drafts) =>
      patch((u) => ({ drafts, selected: drafts.some((d) => d.id === u.selected) ? u.selected : (drafts[0]?.id ?? null) })),
    editUserDraft: (id, source) =>
      patch((u) => ({
        drafts: u.drafts.map((d) => (d.id === id && !d.fromLink ? { ...d, source } : d)),
        compileErrors: without(u.compileErrors, id),
      })),
    selectUserDraft: (selected) => patch(() => ({ selected })),
    setCompileError: (id, error) =>
      patch((u) => ({ compileErrors: error ? { ...u.compileErrors, [id]: error } : without(u.compileErrors, id) })),
    markSent: (id, source, title) =>
      patch((u) => ({
        sent: { ...u.sent, [id]: source },
        drafts: u.drafts.map((d) => (d.id === id ? { ...d, added: true, title } : d)),
        errors: without(u.errors, id),
      })),
    setDraftEnabled: (id, enabled) => patch((u) => ({ drafts: u.drafts.map((d) => (d.id === id ? { ...d, enabled } : d)) })),
    setUserError: (error) => patch((u) => ({ errors: { ...u.errors, [error.id]: error } })),
  };
};

/** Appends a chunk's points to the series (in place: the arrays only grow). */
function appendLog(log: UserLogState, key: string, series: Record<string, { x: number[]; y: number[] }>): UserLogState {
  const fresh = key !== log.key;
  const into: Record<string, LogSeries> = fresh ? {} : { ...log.series };
  for (const [name, points] of Object.entries(series)) {
    const s = (into[name] ??= { x: [], y: [] });
    for (let i = 0; i < points.x.length; i++) {
      s.x.push(points.x[i]);
      s.y.push(points.y[i]);
    }
  }
  return { key, series: into, version: log.version + 1 };
}

/** The change one worker message makes (null: not its business). */
export function reduce(
  s: Pick<AppState, 'userCallbacks' | 'userLog' | 'runState'>,
  msg: WorkerToPage,
): Partial<Pick<AppState, 'userCallbacks' | 'userLog'>> | null {
  const u = s.userCallbacks;
  switch (msg.type) {
    case 'user-cb-state': {
      const infos: Record<string, UserCallbackInfo> = {};
      for (const info of msg.callbacks) infos[info.id] = info;
      return { userCallbacks: { ...u, infos } };
    }
    case 'user-cb-error':
      return { userCallbacks: { ...u, errors: { ...u.errors, [msg.error.id]: msg.error } } };
    case 'user-cb-leaks':
      return { userCallbacks: { ...u, leaks: msg.leaks } };
    case 'metrics': {
      const chunk = msg.outputs?.userLog;
      return chunk ? { userLog: appendLog(s.userLog, chunk.key, chunk.series) } : null;
    }
    case 'status':
      // a new run (not a resume) starts without the last one's series and leaks
      if (msg.state !== 'training' || s.runState === 'paused') return null;
      return { userLog: EMPTY_LOG, userCallbacks: u.leaks.length ? { ...u, leaks: [] } : u };
    default:
      return null;
  }
}
