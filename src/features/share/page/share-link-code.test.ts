// A link's code becomes read-only drafts and is never sent to the worker; the hash carries the
// code of the callbacks that are added and on.
import { afterEach, describe, expect, it, vi } from 'vitest';

const posted: unknown[] = [];
vi.mock('../../../app/worker-client', () => ({
  onWorkerMessage: () => () => {},
  post: (msg: unknown) => posted.push(msg),
}));

const { useStore } = await import('../../../app/store');
const { currentHash, initShare } = await import('./share-bridge');
const { decodeState, encodeState } = await import('./url-state');
const { DEFAULT_SETUP } = await import('../../setup/setup-rules');

const initial = useStore.getState();
let stop: (() => void) | null = null;

function withLocation(hash: string): { replaced: string[] } {
  const replaced: string[] = [];
  const location = { hash };
  vi.stubGlobal('window', {
    location,
    history: {
      state: null,
      replaceState: (_s: unknown, _t: string, url: string) => {
        replaced.push(url);
        location.hash = url;
      },
    },
  });
  return { replaced };
}

afterEach(() => {
  stop?.();
  stop = null;
  vi.unstubAllGlobals();
  useStore.setState(initial, true);
  posted.length = 0;
});

describe('share-bridge: code in a link', () => {
  const source = 'class Hello extends Callback {\n  after_epoch() { this.log("a&b#c", 1); } // </script>\n}';

  it('opening it adds read-only drafts, selects the first, shows the code tab, and sends nothing', () => {
    const hash = encodeState({ setup: DEFAULT_SETUP, callbacks: {}, breakpoints: [], code: { Hello: source, Second: '// two' } });
    withLocation(`#${hash}`);
    stop = initShare();
    const s = useStore.getState();
    expect(s.userCallbacks.drafts).toEqual([
      { id: expect.stringMatching(/^cb-link-0-\w+$/), source, title: 'Hello', added: false, enabled: true, fromLink: true },
      { id: expect.stringMatching(/^cb-link-1-\w+$/), source: '// two', title: 'Second', added: false, enabled: true, fromLink: true },
    ]);
    expect(s.userCallbacks.selected).toBe(s.userCallbacks.drafts[0].id);
    expect(s.workbenchTab).toBe('code');
    expect(s.userCallbacks.sent).toEqual({});
    expect(posted.filter((m) => (m as { type: string }).type.startsWith('user-cb'))).toEqual([]);
  });

  it('a link without code leaves the drafts and the tab alone', () => {
    withLocation('#epochs=3');
    stop = initShare();
    expect(useStore.getState().userCallbacks.drafts).toEqual([]);
    expect(useStore.getState().workbenchTab).toBe('callbacks');
  });

  it('the hash carries the code of callbacks added and on, as sent; not link drafts, not switched off', () => {
    useStore.setState((s) => ({
      userCallbacks: {
        ...s.userCallbacks,
        drafts: [
          { id: 'a', source: 'edited since', title: 'A', added: true, enabled: true, fromLink: false },
          { id: 'b', source: 'b', title: 'B', added: true, enabled: false, fromLink: false },
          { id: 'c', source: 'c', title: 'C', added: false, enabled: true, fromLink: false },
          { id: 'l', source: 'l', title: 'L', added: false, enabled: true, fromLink: true },
        ],
        infos: {
          a: { id: 'a', className: 'GradNorm', enabled: true } as never,
          b: { id: 'b', className: 'Off', enabled: false } as never,
        },
        sent: { a: source, b: 'b' },
      },
    }));
    expect(decodeState(currentHash()).code).toEqual({ GradNorm: source });
  });

  it('the hash is written again when what the worker holds changes', async () => {
    vi.useFakeTimers();
    try {
      const { replaced } = withLocation('');
      stop = initShare();
      // an earlier test's link callbacks wait for the catalog: it comes, and they are applied (none)
      useStore.setState((s) => ({
        callbacks: { ...s.callbacks, catalog: [{ name: 'X', description: '', kind: 'optional', order: 1, events: [], params: [] }] },
      }));
      useStore.setState((s) => ({
        userCallbacks: {
          ...s.userCallbacks,
          drafts: [{ id: 'a', source, title: 'Hello', added: true, enabled: true, fromLink: false }],
          sent: { a: source },
        },
      }));
      await vi.advanceTimersByTimeAsync(300);
      expect(decodeState(replaced.at(-1) ?? '').code).toBeUndefined(); // the worker has not said yet
      useStore.setState((s) => ({
        userCallbacks: { ...s.userCallbacks, infos: { a: { id: 'a', className: 'Hello', enabled: true } as never } },
      }));
      await vi.advanceTimersByTimeAsync(300);
      expect(decodeState(replaced.at(-1) ?? '').code).toEqual({ Hello: source });
    } finally {
      vi.useRealTimers();
    }
  });
});
