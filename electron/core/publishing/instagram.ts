import { graphCall, testGraphConnection } from './facebook';
import { channelText } from '@shared/publishing/encode';
import { PublishError, send, type Fetcher } from './http';
import type { Publisher, PublishRun } from './publisher';
import { publicImageUrl } from './wordpress';

/**
 * Instagram professional account publisher (Instagram Graph API, content publishing:
 * developers.facebook.com/docs/instagram-platform/content-publishing/):
 * - images must be at a public URL: each rendition goes to the OPD's WordPress media first
 *   (deduplicated by content hash) and its source_url is used;
 * - single photo: POST /{ig-user-id}/media {image_url, caption} → container;
 *   carousel: one container per image (is_carousel_item) then {media_type: CAROUSEL, children};
 * - poll GET /{container}?fields=status_code until FINISHED (ERROR/EXPIRED → rejected);
 * - POST /{ig-user-id}/media_publish {creation_id} → media id; GET /{id}?fields=permalink;
 * - GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config: the daily API
 *   publishing quota, read before publishing and written to the attempt log.
 * Never twice: containers are invisible until published; before media_publish is
 * retried after an unknown outcome, the account's latest media are read and one
 * with the same caption is adopted; unreadable → unconfirmed.
 */

async function findExisting(run: PublishRun, fetcher: Fetcher): Promise<{ id: string; url: string } | null> {
  const { connection: conn, secret } = run;
  try {
    const r = await graphCall(conn, secret, fetcher, { method: 'GET', path: `/${encodeURIComponent(conn.username)}/media?fields=id,caption,permalink,timestamp&limit=10` }, run.timeoutMs);
    const since = Date.parse(run.job.createdAt) - 60_000;
    const list = (r.json as { data?: { id: string; caption?: string; permalink?: string; timestamp?: string }[] }).data ?? [];
    const hit = list.find((m) => (m.caption ?? '').trim() === channelText(run.job.payload.text).trim() && (!m.timestamp || Date.parse(m.timestamp) >= since));
    return hit ? { id: hit.id, url: hit.permalink ?? `https://www.instagram.com/` } : null;
  } catch (err) {
    if (err instanceof PublishError && (err.kind === 'offline' || err.kind === 'retryable' || err.kind === 'rate_limited')) throw err;
    throw new PublishError('unverifiable', `cannot read the account's media to check: ${(err as Error).message}`);
  }
}

export function instagramPublisher(fetcher: Fetcher = fetch, pollMs = 1500): Publisher {
  return {
    async publish(run) {
      const { connection: conn, secret, job } = run;
      const user = encodeURIComponent(conn.username);
      const g = (req: Parameters<typeof graphCall>[3]) => graphCall(conn, secret, fetcher, req, run.timeoutMs);
      if (job.intents.includes('post')) {
        const found = await findExisting(run, fetcher);
        await run.log({ code: found ? 'lookup_found' : 'lookup_clear', action: 'lookup recent media', outcome: 'ok', detail: found ? 'found: adopted' : 'not on the account: safe to publish', status: 200, remoteId: found?.id ?? null, url: found?.url ?? null });
        if (found) return { remoteId: found.id, url: found.url, remoteStatus: 'publish' };
        await run.update((j) => ({ ...j, intents: j.intents.filter((x) => x !== 'post') }));
      }
      const site = await run.connectionFor('website');
      if (!site) throw new PublishError('auth', 'Instagram needs public image URLs: add the OPD WordPress connection', { code: 'no_public_host' });
      const urls: string[] = [];
      for (const m of job.payload.media) urls.push((await publicImageUrl(run, site, m, fetcher)).url);

      const quota = await g({ method: 'GET', path: `/${user}/content_publishing_limit?fields=quota_usage,config` });
      const q = ((quota.json as { data?: { quota_usage?: number; config?: { quota_total?: number } }[] }).data ?? [])[0];
      await run.log({ code: 'quota', params: { used: String(q?.quota_usage ?? '?'), total: String(q?.config?.quota_total ?? '?') }, action: 'GET content_publishing_limit', outcome: 'info', detail: `quota ${q?.quota_usage ?? '?'} / ${q?.config?.quota_total ?? '?'} per 24 h`, status: quota.status, remoteId: null, url: null });
      if (q?.quota_usage !== undefined && q.config?.quota_total !== undefined && q.quota_usage >= q.config.quota_total) {
        throw new PublishError('rate_limited', `Instagram API publishing quota used up (${q.quota_usage}/${q.config.quota_total} in 24 h)`, { retryAfterMs: 3_600_000, code: 'ig_quota' });
      }

      const form = (o: Record<string, string>) => ({ method: 'POST' as const, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(o).toString() });
      let creation: string;
      if (urls.length === 1) {
        creation = ((await g({ path: `/${user}/media`, ...form({ image_url: urls[0], caption: channelText(job.payload.text) }) })).json as { id: string }).id;
      } else {
        const children: string[] = [];
        for (const u of urls) children.push(((await g({ path: `/${user}/media`, ...form({ image_url: u, is_carousel_item: 'true' }) })).json as { id: string }).id);
        creation = ((await g({ path: `/${user}/media`, ...form({ media_type: 'CAROUSEL', children: children.join(','), caption: channelText(job.payload.text) }) })).json as { id: string }).id;
      }
      await run.log({ code: 'container_created', params: { n: urls.length }, action: `POST /${conn.username}/media (${urls.length > 1 ? `carousel of ${urls.length}` : 'photo'})`, outcome: 'ok', detail: 'container created', status: 200, remoteId: creation, url: null });
      for (let i = 0; ; i++) {
        const st = ((await g({ method: 'GET', path: `/${creation}?fields=status_code` })).json as { status_code?: string }).status_code;
        if (st === 'FINISHED') break;
        if (st === 'ERROR' || st === 'EXPIRED') throw new PublishError('rejected', `Instagram could not process the media (status ${st})`, { code: `ig_${st}` });
        if (i >= 40) throw new PublishError('retryable', 'Instagram is still processing the media', { code: 'ig_in_progress' });
        await new Promise((r) => setTimeout(r, pollMs));
      }
      await run.update((j) => ({ ...j, intents: [...new Set([...j.intents, 'post'])] }));
      const pub = await g({ path: `/${user}/media_publish`, ...form({ creation_id: creation }) });
      const id = (pub.json as { id: string }).id;
      await run.update((j) => ({ ...j, remote: { ...j.remote, postId: id }, intents: j.intents.filter((x) => x !== 'post') }));
      let url = 'https://www.instagram.com/';
      try {
        url = ((await g({ method: 'GET', path: `/${id}?fields=permalink` })).json as { permalink?: string }).permalink ?? url;
      } catch {
        // Published already; the link is a nicety.
      }
      await run.log({ code: 'posted', action: `POST /${conn.username}/media_publish`, outcome: 'ok', detail: 'published', status: pub.status, remoteId: id, url });
      return { remoteId: id, url, remoteStatus: 'publish' };
    },

    test(conn, secret) {
      return testGraphConnection(conn, secret, fetcher, 'id,username', (j) => `@${typeof j.username === 'string' ? j.username : conn.username}`);
    },

    async probe(conn) {
      await send({ method: 'GET', url: `${(conn.baseUrl || 'https://graph.facebook.com/v21.0').replace(/\/+$/, '')}/`, timeoutMs: 10_000 }, fetcher);
    },
  };
}
