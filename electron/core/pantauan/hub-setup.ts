import { rollupDatabase } from '@shared/sync/topology';
import { ROLLUP_VALIDATE_SOURCE } from '@shared/pantauan/validate';

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

export interface ProvinceHubSetup extends RollupHubSetup {
  /** Documents for the hub's _replicator database: one continuous, one-way replication per regency rollup into the province's. */
  replications: { _id: string; source: string; target: string; continuous: true }[];
}

/**
 * A province hub (issue 14 item 3): rollup-<prov> with the same validation,
 * filled by one continuous replication per regency (rollup-<kab> →
 * rollup-<prov>). CouchDB 3 wants URLs in _replicator documents: `hubUrl`
 * is the hub's base address as the setup script reaches it, credentials
 * added by the script (the replication must run as a hub admin, since the
 * validation lets OPD roles write only their own OPD's summaries).
 * The province's Pantauan is a Redaksi with Pantauan on and the province's
 * slug as its region; its screens group OPDs by their `region`.
 */
export function provinceHubSetup(provinceSlug: string, regionSlugs: readonly string[], readerRoles: readonly string[], hubUrl: string): ProvinceHubSetup {
  const base = rollupHubSetup(provinceSlug, [], readerRoles);
  const url = hubUrl.replace(/\/+$/, '');
  return {
    ...base,
    replications: [...new Set(regionSlugs)].sort().map((kab) => ({
      _id: `pantauan-${rollupDatabase(kab)}-to-${base.db}`,
      source: `${url}/${rollupDatabase(kab)}`,
      target: `${url}/${base.db}`,
      continuous: true,
    })),
  };
}
