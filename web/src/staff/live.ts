/**
 * Live updates of the case list: `useCaseFeed(onChange)` listens to the server-sent events of `GET /api/cases/feed`
 * (the session cookie signs it in) and calls `onChange` for every case opened or changed; when the stream cannot be
 * opened or drops (a proxy that buffers, an old browser), it falls back to calling `onChange` every
 * `POLL_SECONDS`, and says which it is doing.
 */
import { useEffect, useRef, useState } from 'react';

/** How often the list is reloaded when the stream is not available. */
export const POLL_SECONDS = 15;

/** `live` while the stream is open, `polling` after it failed. */
export type FeedMode = 'live' | 'polling';

/** Calls `onChange` on every case change (or every `POLL_SECONDS` without a stream); returns the mode. */
export function useCaseFeed(onChange: () => void): FeedMode {
  const [mode, setMode] = useState<FeedMode>('live');
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const poll = () => {
      setMode('polling');
      timer ??= setInterval(() => latest.current(), POLL_SECONDS * 1000);
    };
    if (typeof EventSource === 'undefined') {
      poll();
      return () => clearInterval(timer);
    }
    const source = new EventSource('/api/cases/feed');
    source.addEventListener('case', () => latest.current());
    source.addEventListener('open', () => {
      if (timer) clearInterval(timer);
      timer = undefined;
      setMode('live');
    });
    // EventSource reconnects by itself; poll meanwhile, and for good once it gives up (CLOSED).
    source.addEventListener('error', poll);
    return () => {
      source.close();
      clearInterval(timer);
    };
  }, []);
  return mode;
}
