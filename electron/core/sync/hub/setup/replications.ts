import type nano from 'nano';
import type { ProvinceHubSetup } from '@core/pantauan/hub-setup';
import type { ProvisionStep } from './provision';

interface ReplicatorDoc {
  _id: string;
  _rev?: string;
  source: { url: string; headers: { Authorization: string } };
  target: { url: string; headers: { Authorization: string } };
  continuous: true;
  create_target: false;
}

/**
 * Writes the province's one-way replications (each regency rollup →
 * rollup-<prov>) into the hub's _replicator database (issue 14 item 3).
 * CouchDB 3 wants endpoint URLs with credentials (sent as a Basic
 * Authorization header, which every CouchDB and PouchDB replicator reads); they are the hub admin's,
 * because the rollup's validation lets an OPD role write only its own OPD's
 * summaries and the replication copies every OPD's. _replicator is readable
 * by server admins only, and CouchDB hides the password from everyone else.
 * A second run with the same settings changes nothing.
 */
export async function upsertReplications(
  couch: nano.ServerScope,
  replications: ProvinceHubSetup['replications'],
  admin: { username: string; password: string },
): Promise<ProvisionStep[]> {
  try {
    await couch.db.create('_replicator');
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 412) throw err;
  }
  const db = couch.use<ReplicatorDoc>('_replicator');
  const steps: ProvisionStep[] = [];
  for (const r of replications) {
    const headers = { Authorization: `Basic ${Buffer.from(`${admin.username}:${admin.password}`, 'utf8').toString('base64')}` };
    const want: ReplicatorDoc = { _id: r._id, source: { url: r.source, headers }, target: { url: r.target, headers }, continuous: true, create_target: false };
    const have = await db.get(r._id).catch((err: { statusCode?: number }) => {
      if (err.statusCode === 404) return null;
      throw err;
    });
    const subject = `replikasi ${r._id}`;
    const detail = `${r.source.replace(/^.*\//, '')} → ${r.target.replace(/^.*\//, '')}`;
    const same =
      have &&
      have.source?.url === want.source.url &&
      have.target?.url === want.target.url &&
      have.source?.headers?.Authorization === headers.Authorization &&
      have.continuous === true;
    if (same) {
      steps.push({ action: 'unchanged', subject, detail });
      continue;
    }
    await db.insert(have ? { ...want, _rev: have._rev } : want);
    steps.push({ action: have ? 'updated' : 'created', subject, detail });
  }
  return steps;
}
