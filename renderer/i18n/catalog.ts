import { core } from './sections/core';
import { cards } from './sections/cards';
import { publishing } from './sections/publishing';
import { home } from './sections/home';
import { activity } from './sections/activity';
import { complaints } from './sections/complaints';
import { media } from './sections/media';
import { review } from './sections/review';
import { posts } from './sections/posts';
import { sync } from './sections/sync';
import { pantauan } from './sections/pantauan';
import { syncEngine } from './sections/sync-engine';
import { setup } from './sections/setup';

/**
 * The one UI catalogue: Bahasa Indonesia first, English second. Each feature
 * keeps its texts in sections/<feature>.ts (a glossary of its Indonesian
 * terms); they are merged here. Keys are checked at compile time and a unit
 * test checks that no key is defined twice.
 */
export const SECTIONS = { core, cards, media, review, home, activity, complaints, posts, publishing, sync, syncEngine, pantauan, setup } as const;

type Keys<S> = S extends { id: Record<infer K, string> } ? K : never;
export type MessageKey = Keys<(typeof SECTIONS)[keyof typeof SECTIONS]>;

export const id = Object.assign({}, ...Object.values(SECTIONS).map((s) => s.id)) as Record<MessageKey, string>;
export const en = Object.assign({}, ...Object.values(SECTIONS).map((s) => s.en)) as Record<MessageKey, string>;
