import { z } from 'zod';

/**
 * The first-run guide (issue 20): the steps a new OPD admin goes through
 * before the first post. Where the guide stands is stored with the
 * workspace so it resumes on any launch; whether a step is done is read from
 * the data itself, so the progress shown is never a promise the data does
 * not keep.
 */
export const SETUP_STEPS = ['profile', 'brand', 'team', 'targets', 'channels', 'firstPost'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/**
 * new: never opened (a fresh data folder); started: opened, not finished;
 * done: finished with the first post; skipped: the admin chose to set up later.
 */
export const SETUP_STATUSES = ['new', 'started', 'done', 'skipped'] as const;
export type SetupStatus = (typeof SETUP_STATUSES)[number];

export const setupStateSchema = z.object({
  status: z.enum(SETUP_STATUSES),
  /** The step the guide opens on when resumed. */
  step: z.enum(SETUP_STEPS),
  /** Steps confirmed with "Simpan dan lanjut" (targets and channels have no data of their own to show it). */
  confirmed: z.array(z.enum(SETUP_STEPS)).max(SETUP_STEPS.length),
});
export type SetupState = z.infer<typeof setupStateSchema>;

export const NEW_SETUP: SetupState = { status: 'new', step: 'profile', confirmed: [] };

/** What the guide needs to know beyond the workspace. */
export interface SetupFacts {
  postCount: number;
  connectionCount: number;
}

/** The parts of the workspace the guide reads (kept structural so this file needs no workspace import). */
export interface SetupWorkspace {
  setup?: SetupState;
  opd: { fullName: string; shortName: string; dateline: string; logoMediaId: string | null };
  team: readonly { role: string }[];
}

/**
 * Whether the guide still waits for the admin. A workspace from before the
 * guide existed has no setup state: it was set up by hand, so nothing waits.
 */
export function setupPending(ws: Pick<SetupWorkspace, 'setup'>): boolean {
  return ws.setup?.status === 'new' || ws.setup?.status === 'started';
}

/**
 * Whether the guide opens by itself at launch: when it was left halfway, or on
 * a new folder nobody has set up a team in (a team made by a script or an IT
 * admin means someone is already past the first run).
 */
export function guideOpensItself(ws: Pick<SetupWorkspace, 'setup' | 'team'>): boolean {
  return ws.setup?.status === 'started' || (ws.setup?.status === 'new' && ws.team.length === 0);
}

export function stepDone(step: SetupStep, ws: SetupWorkspace, facts: SetupFacts): boolean {
  const confirmed = ws.setup?.confirmed.includes(step) ?? false;
  switch (step) {
    case 'profile':
      return Boolean(ws.opd.fullName.trim() && ws.opd.shortName.trim() && ws.opd.dateline.trim());
    case 'brand':
      return ws.opd.logoMediaId !== null || confirmed;
    case 'team':
      return ws.team.some((m) => m.role === 'admin' || m.role === 'editor');
    case 'targets':
      return confirmed;
    case 'channels':
      return facts.connectionCount > 0 || confirmed;
    case 'firstPost':
      return facts.postCount > 0;
  }
}

export function setupProgress(ws: SetupWorkspace, facts: SetupFacts): { done: SetupStep[]; next: SetupStep | null } {
  const done = SETUP_STEPS.filter((s) => stepDone(s, ws, facts));
  return { done, next: SETUP_STEPS.find((s) => !done.includes(s)) ?? null };
}

export function stepAfter(step: SetupStep): SetupStep | null {
  return SETUP_STEPS[SETUP_STEPS.indexOf(step) + 1] ?? null;
}

export function stepBefore(step: SetupStep): SetupStep | null {
  return SETUP_STEPS[SETUP_STEPS.indexOf(step) - 1] ?? null;
}
