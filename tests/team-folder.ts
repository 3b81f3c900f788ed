import path from 'node:path';

/**
 * The team folder beside the checkout (`../shared`): real photos, the two
 * real articles and the WordPress tools. CI clones the repo with it beside.
 */
export const TEAM_DIR = process.env.REDAKSI_TEAM_DIR ?? path.resolve(import.meta.dirname, '..', '..', 'shared');

/** A path inside the team folder, e.g. teamPath('fixtures/photos/gps/DSCN0010.jpg'). */
export function teamPath(rel: string): string {
  return path.join(TEAM_DIR, ...rel.split('/'));
}
