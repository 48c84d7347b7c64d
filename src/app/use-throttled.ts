// Reads a slice of the store at most every `ms`: charts redraw a few times a second, not on
// every worker message (the store itself still takes every message as it comes), as transitions.
import { startTransition, useEffect, useState } from 'react';
import { useStore, type AppState } from './store';

export function useThrottled<T>(select: (s: AppState) => T, ms = 250): T {
  const [value, setValue] = useState(() => select(useStore.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    // A transition: React renders the charts in slices and yields to input between them.
    const read = () => startTransition(() => setValue(() => select(useStore.getState())));
    const flush = () => {
      timer = null;
      last = performance.now();
      read();
    };
    // The store may have changed between the render and this subscription.
    read();
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (select(s) === select(prev) || timer !== null) return;
      timer = setTimeout(flush, Math.max(0, ms - (performance.now() - last)));
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
    // `select` is a module-level function in every caller, so this runs once per `ms`.
  }, [select, ms]);
  return value;
}
