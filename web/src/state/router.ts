import { useSyncExternalStore } from 'react';

const NAVIGATE_EVENT = 'spendlens:navigate';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query string; every view's state lives there, so a link shows the same view. */
export function useLocation(): { path: string; search: URLSearchParams; href: string } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, search: url.searchParams, href };
}

let beforeNavigate: (url: URL) => void = () => {};

/** Runs before every in-app navigation, so the next view's data is on its way before React redraws. */
export function onBeforeNavigate(hook: (url: URL) => void): void {
  beforeNavigate = hook;
}

/** Goes to a path and query inside the app without reloading. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  beforeNavigate(new URL(to, window.location.origin));
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Changes some query parameters of the current view (null removes one) and keeps the others. */
export function setParams(changes: Record<string, string | null>, options: { replace?: boolean } = {}): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  navigate(`${window.location.pathname}${query ? `?${query}` : ''}`, options);
}
