import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '@shared/review/model';
import type { CollectionName } from './collections';

/**
 * Who a write is made for. The dispatcher runs every API call inside
 * `asActor(person, …)` and background services inside `asActor(SYSTEM, …)`,
 * so each committed write carries its actor without every caller passing it.
 */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: null, name: 'Redaksi' });

const actorStorage = new AsyncLocalStorage<Actor>();

export function asActor<T>(actor: Actor, fn: () => T): T {
  return actorStorage.run(actor, fn);
}

/** The actor of the write being made now (system work outside any call). */
export function writeActor(): Actor {
  return actorStorage.getStore() ?? SYSTEM_ACTOR;
}

/** One committed write. Emitted after the file is durable; never before. */
export interface ChangeEvent {
  collection: CollectionName | 'workspace';
  id: string;
  /** The record's rev after the write (for a delete: the last rev it had). */
  rev: number;
  kind: 'put' | 'delete';
  actor: Actor;
  at: string;
}

export type ChangeListener = (e: ChangeEvent) => void;

/**
 * The store's change feed. Listeners run synchronously after the write and
 * must not throw into the writer: a failing listener is logged and the write
 * stands (events are derived; the files are the truth, so whoever reacts to
 * events also catches up from the files at start).
 */
export class ChangeFeed {
  private listeners = new Set<ChangeListener>();

  constructor(private readonly log: (...args: unknown[]) => void = (...a) => console.error(...a)) {}

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: ChangeEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        this.log('change listener failed:', err);
      }
    }
  }
}
