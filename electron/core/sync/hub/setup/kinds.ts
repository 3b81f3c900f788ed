import { ROLES, type Role } from '@shared/domain/workspace';
import { aduanDatabase, ADUAN_ROLES, opdDatabase, opdRole, regionRole, rollupDatabase } from '@shared/sync/topology';
import { ROLLUP_VALIDATE_SOURCE } from '@shared/pantauan/validate';
import { VALIDATE_WORKSPACE_WRITE_SRC, type SecurityObject } from './validate';

/**
 * The kinds of database the hub holds (issue 13; issue 14 adds its rollup).
 * The setup script creates, for each kind of the scope it is asked about, the
 * database, its _security object and its validation design document. A
 * feature adds a kind with one entry in HUB_DATABASE_KINDS.
 */
export interface HubDatabaseKind {
  id: string;
  /** What the name is made from: an OPD's slug, or a region's (regency) slug. */
  scope: 'opd' | 'region';
  /** What IT staff read in the script's output. */
  label: string;
  database(slug: string): string;
  /** Members and admins by CouchDB role (people get roles, never per-database names). */
  security(slug: string): Required<{ members: { names: string[]; roles: string[] }; admins: { names: string[]; roles: string[] } }> & SecurityObject;
  /** validate_doc_update source, put in `_design/redaksi`. */
  validate: string | null;
}

const rolesOf = (slug: string, roles: readonly Role[]) => roles.map((r) => opdRole(slug, r));

export const HUB_DATABASE_KINDS: HubDatabaseKind[] = [
  {
    id: 'opd',
    scope: 'opd',
    label: 'ruang kerja bersama OPD',
    database: opdDatabase,
    security: (slug) => ({ members: { names: [], roles: rolesOf(slug, ROLES) }, admins: { names: [], roles: rolesOf(slug, ['admin']) } }),
    validate: VALIDATE_WORKSPACE_WRITE_SRC,
  },
  {
    id: 'aduan',
    scope: 'opd',
    label: 'aduan (data pribadi: hanya editor dan admin)',
    database: aduanDatabase,
    security: (slug) => ({ members: { names: [], roles: rolesOf(slug, ADUAN_ROLES) }, admins: { names: [], roles: rolesOf(slug, ['admin']) } }),
    validate: VALIDATE_WORKSPACE_WRITE_SRC,
  },
  {
    // Pantauan (issue 14): summaries only; the validation admits allow-listed fields and each OPD's own documents.
    id: 'rollup',
    scope: 'region',
    label: 'rekap Pantauan kabupaten (tanpa data pribadi)',
    database: rollupDatabase,
    security: (slug) => ({ members: { names: [], roles: [regionRole(slug, 'opd'), regionRole(slug, 'pantau')] }, admins: { names: [], roles: [] } }),
    validate: ROLLUP_VALIDATE_SOURCE,
  },
];

export const VALIDATE_DESIGN_DOC = '_design/redaksi';
