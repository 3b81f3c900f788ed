import { rollupDatabase } from '../../../shared/sync/topology';
import { ROLLUP_VALIDATE_SOURCE } from '../../../shared/pantauan/validate';

export interface RollupHubSetup {
  db: string;
  /** CouchDB _security: members may read and write (the design document's validation limits what and whose). */
  security: { admins: { names: string[]; roles: string[] }; members: { names: string[]; roles: string[] } };
  designDoc: { _id: string; language: 'javascript'; validate_doc_update: string };
}

/**
 * What the hub setup script creates for a regency's rollup (issue 14):
 * the database rollup-<kab>, its _security (members: every OPD's roles of
 * that regency, plus the Diskominfo readers) and the design document whose
 * validate_doc_update accepts only the allow-listed summary types and
 * fields, each OPD writing only its own documents.
 *
 * `opdRoles` are the CouchDB roles of the OPDs taking part (opdRole(slug, role)
 * from shared/sync/topology.ts); `readerRoles` those who may read everyone's
 * (Diskominfo, the regent's office).
 */
export function rollupHubSetup(regionSlug: string, opdRoles: readonly string[], readerRoles: readonly string[] = []): RollupHubSetup {
  return {
    db: rollupDatabase(regionSlug),
    security: {
      admins: { names: [], roles: ['_admin'] },
      members: { names: [], roles: [...new Set([...opdRoles, ...readerRoles])].sort() },
    },
    designDoc: { _id: '_design/rollup', language: 'javascript', validate_doc_update: ROLLUP_VALIDATE_SOURCE },
  };
}
