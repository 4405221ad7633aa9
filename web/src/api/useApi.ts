import { useEffect, useState, useSyncExternalStore } from 'react';
import { cached, currentGeneration, load, subscribeGeneration } from './cache.ts';
import { ApiError } from './client.ts';

export interface ApiState<T> {
  /** The latest answer; while a new path loads it keeps the previous one so views do not flash. */
  data: T | undefined;
  error: ApiError | undefined;
  /** True until the answer for the current path has arrived. */
  loading: boolean;
}

interface Loaded<T> {
  path: string | null;
  generation: number;
  data?: T;
  error?: ApiError;
}

/** Reads a GET path of the API; `null` skips the request. */
export function useApi<T>(path: string | null): ApiState<T> {
  const generation = useSyncExternalStore(subscribeGeneration, currentGeneration);
  const [state, setState] = useState<Loaded<T>>(() => ({
    path,
    generation,
    data: path ? cached<T>(path) : undefined,
  }));

  useEffect(() => {
    if (!path) return;
    const hit = cached<T>(path);
    if (hit !== undefined) {
      setState((s) =>
        s.path === path && s.generation === generation && s.data === hit
          ? s
          : { path, generation, data: hit },
      );
      return;
    }
    let live = true;
    load<T>(path).then(
      (data) => live && setState({ path, generation, data }),
      (error: unknown) => live && setState((s) => ({ ...s, path, generation, error: asApiError(error) })),
    );
    return () => {
      live = false;
    };
  }, [path, generation]);

  const current = state.path === path && state.generation === generation;
  const done = current && (state.data !== undefined || state.error !== undefined);
  return {
    data: state.data,
    error: current ? state.error : undefined,
    loading: path !== null && !done,
  };
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
}
