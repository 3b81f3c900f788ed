/**
 * Social channels take plain text: the public payload list goes out as the
 * same text, without control characters or broken surrogates, in a body that
 * decodes back to exactly that text (X API v2 POST /2/tweets JSON body:
 * docs.x.com/x-api/posts/create-post; Graph API POST /{page}/feed JSON body:
 * developers.facebook.com/docs/pages-api/posts/).
 */
import { describe, expect, it } from 'vitest';
import { facebookPublisher } from '@core/publishing/facebook';
import type { Fetcher } from '@core/publishing/http';
import type { PublishRun } from '@core/publishing/publisher';
import { xPublisher } from '@core/publishing/x';
import type { Connection } from '@shared/publishing/connection';
import { channelText } from '@shared/publishing/encode';
import type { Job } from '@shared/publishing/job';
import { PAYLOADS } from './xss-payloads';

function run(channel: 'x' | 'facebook', text: string): PublishRun {
  let job = {
    id: 'j1',
    createdAt: new Date().toISOString(),
    clientKey: 'abcdefgh',
    scheduledAt: null,
    payload: { title: '', text, html: '', excerpt: '', category: '', tags: [], media: [], featured: null },
    remote: { postId: null, url: null, media: {}, terms: {} },
    intents: [],
    log: [],
  } as unknown as Job;
  return {
    get job() {
      return job;
    },
    connection: { channel, baseUrl: 'https://api.example', username: 'dinas' } as Connection,
    secret: 'token',
    saveSecret: async () => undefined,
    now: () => new Date(),
    timeoutMs: 5_000,
    readMedia: async () => new Uint8Array(),
    update: async (change) => {
      job = change(job);
    },
    connectionFor: async () => null,
    log: async () => undefined,
  };
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('social channel text', () => {
  for (const channel of ['x', 'facebook'] as const) {
    it(`${channel}: every payload goes out as its plain text`, async () => {
      const sent: string[] = [];
      const fetcher: Fetcher = async (_url, init) => {
        const body = JSON.parse(String(init?.body)) as { text?: string; message?: string };
        sent.push(body.text ?? body.message ?? '');
        const answer = channel === 'x' ? { data: { id: '1' } } : { id: '1_2' };
        return new Response(JSON.stringify(answer), { status: channel === 'x' ? 201 : 200, headers: { 'content-type': 'application/json' } });
      };
      const pub = channel === 'x' ? xPublisher(fetcher) : facebookPublisher(fetcher);
      for (const p of PAYLOADS) await pub.publish(run(channel, p));
      expect(sent).toHaveLength(PAYLOADS.length);
      PAYLOADS.forEach((p, i) => {
        expect(sent[i]).toBe(channelText(p));
        expect(sent[i]).not.toMatch(CONTROL);
      });
      expect(sent).toContain('<img src=x onerror=alert(document.domain)>');
    });
  }
});
