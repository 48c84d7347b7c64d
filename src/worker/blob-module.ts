// Loads a user callback's compiled module in the worker: the text becomes a blob: URL and is
// imported as a module. The worker's CSP allows blob: scripts for this (csp.ts); the page's does not.
import type { ModuleLoader } from '../features/user-callbacks/worker/user-callbacks-feature';

export const loadBlobModule: ModuleLoader = async (js) => {
  const url = URL.createObjectURL(new Blob([js], { type: 'text/javascript' }));
  try {
    const module: unknown = await import(/* @vite-ignore */ url);
    // the URL stays valid while the callback lives: its stack frames name it
    return { url, module, release: () => URL.revokeObjectURL(url) };
  } catch (err) {
    URL.revokeObjectURL(url);
    throw err;
  }
};
