// Node's stand-in for the worker's blob: loader: the module as a data: URL (Node imports those).
import type { ModuleLoader } from './user-callbacks-feature';

export const loadDataUrlModule: ModuleLoader = async (js) => {
  const url = `data:text/javascript,${encodeURIComponent(js)}`;
  const module: unknown = await import(/* @vite-ignore */ url);
  return { url, module, release: () => undefined };
};
