/** Loading data for a page: `useLoad(fn, deps)` gives `{ data, error, loading, reload }` and ignores stale answers. */
import { useCallback, useEffect, useRef, useState } from 'react';

/** The state of one load. */
export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `deps` change; a newer run wins over an older one still in flight. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const run = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `deps` are the caller's: the load function is remade by each render, its dependencies are the list given.
  const stableLoad = useCallback(load, deps);
  const start = useCallback(() => {
    const mine = ++run.current;
    setState((s) => ({ data: s.data, loading: true }));
    stableLoad().then(
      (data) => mine === run.current && setState({ data, loading: false }),
      (error: unknown) => mine === run.current && setState({ error, loading: false }),
    );
  }, [stableLoad]);
  useEffect(start, [start]);
  return { data: state.data, error: state.error, loading: state.loading, reload: start };
}
