// The page's commands for the callbacks a user writes: compile (sucrase, loaded with the editor,
// not with the page) and send, switch, remove; a new draft from the template or the gallery; a
// link's code accepted to run.
import { useStore } from '../../../app/store';
import { post } from '../../../app/worker-client';
import type { UserCallbackCode } from '../messages';
import type { UserDraft } from './user-callbacks-slice';

/** The code last sent for each draft, to send again to a new worker. */
const sentCode = new Map<string, UserCallbackCode>();

export function sentCodes(): UserCallbackCode[] {
  return [...sentCode.values()];
}

export const NEW_CALLBACK = `// Your own callback: handle any of fastai's 24 events with a method of that name.
// In scope: Callback, tf, the seven Cancel exceptions, globalNorm. Add (Ctrl+Enter) runs it.
class MyCallback extends Callback {
  order = 50;

  after_batch() {
    // this.log adds a point to the chart "Your metrics" (a number or a scalar tensor)
    if (this.learn.training) this.log('loss', this.learn.loss);
  }
}
`;

function draftOf(id: string): UserDraft | undefined {
  return useStore.getState().userCallbacks.drafts.find((d) => d.id === id);
}

function newId(): string {
  return `cb-${crypto.randomUUID()}`;
}

/** A new draft (the template, or an example's source), selected. */
export function newUserDraft(source = NEW_CALLBACK, title = 'MyCallback'): string {
  const s = useStore.getState();
  const id = newId();
  const draft: UserDraft = { id, source, title, added: false, enabled: true, fromLink: false };
  s.setUserDrafts([...s.userCallbacks.drafts, draft]);
  s.selectUserDraft(id);
  return id;
}

/** Compiles the draft and sends it: added to the next fit, or to the running one between batches. */
export async function addUserCallback(id: string): Promise<boolean> {
  const draft = draftOf(id);
  if (!draft || draft.fromLink) return false;
  const { userCallbackCode } = await import('../compile');
  const r = userCallbackCode(id, draft.source);
  const s = useStore.getState();
  if ('error' in r) {
    s.setCompileError(id, r.error);
    return false;
  }
  s.setCompileError(id, null);
  sentCode.set(id, r.code);
  post({ type: 'user-cb-add', code: r.code, enabled: draft.enabled });
  s.markSent(id, draft.source, r.code.className);
  return true;
}

export function enableUserCallback(id: string, enabled: boolean): void {
  useStore.getState().setDraftEnabled(id, enabled);
  if (sentCode.has(id)) post({ type: 'user-cb-enable', id, enabled });
}

/** Takes it out of the worker (and of the running fit); the draft stays. */
export function removeUserCallback(id: string): void {
  const s = useStore.getState();
  if (sentCode.delete(id)) post({ type: 'user-cb-remove', id });
  s.setUserDrafts(s.userCallbacks.drafts.map((d) => (d.id === id ? { ...d, added: false } : d)));
}

/** Removes it and forgets the draft. */
export function deleteUserDraft(id: string): void {
  removeUserCallback(id);
  const s = useStore.getState();
  s.setUserDrafts(s.userCallbacks.drafts.filter((d) => d.id !== id));
}

/** The user read a link's code and said it may run: it becomes an ordinary draft (not sent yet). */
export function acceptLinkCode(id: string): void {
  const s = useStore.getState();
  s.setUserDrafts(s.userCallbacks.drafts.map((d) => (d.id === id ? { ...d, fromLink: false } : d)));
}
