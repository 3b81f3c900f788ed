/**
 * WXR for the WordPress Importer. The importer plugin is not packaged in
 * Debian 12 nor on npm, so it cannot be installed here without downloading
 * from wordpress.org; instead the file is read with an XML parser
 * (@xmldom/xmldom) for its structure, and with PHP's SimpleXML (libxml2, which
 * refuses characters XML 1.0 forbids), the parser the importer itself uses
 * first (WXR_Parser_SimpleXML), with every PHP warning turned on.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { importPhoto } from '@core/media/import';
import { buildWxr, stripXmlInvalid } from '@core/publishing/exports';
import { materialise } from '@core/publishing/media-source';
import { teamPath } from '../../team-folder';
import { openApi, tempDir } from '../electron/helpers';

const WP = 'http://wordpress.org/export/1.2/';

function parseStrict(xml: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: (m: string) => void errors.push(m), fatalError: (m: string) => void errors.push(m) } }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
  return doc as unknown as Document;
}

const text = (el: Element, ns: string | null, name: string) => (ns ? el.getElementsByTagNameNS(ns, name) : el.getElementsByTagName(name))[0]?.textContent ?? '';

describe('WXR export', () => {
  it('posts with dates, ids, status, terms; attachments with alt text and caption as children; featured image; control characters stripped', async () => {
    const api = await openApi(tempDir());
    const photos = [];
    for (const [file, alt] of [['gps/DSCN0010.jpg', 'Kader menimbang balita'], ['camera/jolla.jpg', 'Warga antre']] as const) {
      const res = await importPhoto(api.ctx, 'a.jpg', readFileSync(teamPath(`fixtures/photos/${file}`)));
      await api.store.collections.media.put({ ...res.photo, altText: alt, caption: `Keterangan ${alt}`, credit: 'Humas', rev: res.photo.rev + 1 });
      photos.push(res.photo.id);
    }
    // A vertical tab and a form feed pasted from Word, markup-like text in the title.
    const created = await api.call('posts.create', {
      content: {
        title: 'Posyandu\u000B Balita <Desa> & "Sido"',
        lead: 'BLORA – Kader\u000C posyandu menimbang balita.',
        bodyMd: 'Isi ]]> dengan penutup CDATA.\n\n## Jadwal\n\n- Senin',
        category: 'Kesehatan',
        tags: ['Stunting', 'Gizi'],
        authorCredit: 'Ani Lestari',
        media: photos.map((id, i) => ({ mediaId: id, role: i === 0 ? ('featured' as const) : ('gallery' as const), caption: '' })),
      },
    });
    const post = { ...created, status: 'published' as const, rev: created.rev + 1 };
    await api.store.posts.put(post);
    // Published to the OPD's site earlier: the job knows the remote ids and URLs of its images.
    const media = [await materialise(api.ctx, photos[0], 'website'), await materialise(api.ctx, photos[1], 'website')];
    const at = '2026-11-26T02:30:00.000Z';
    await api.store.collections.jobs.put({
      id: 'job1', createdAt: at, updatedAt: at, rev: 1, postId: post.id, channel: 'website', mode: 'api', connectionId: null, state: 'published', scheduledAt: null, wpStatus: 'publish', isUpdate: false,
      clientKey: 'abcdef123456', payload: { title: post.title, text: '', html: '', excerpt: '', category: 'Kesehatan', tags: [], media, featured: 0 }, attempts: 1, nextAttemptAt: null,
      remote: { postId: '77', url: 'https://dinkes.example.go.id/posyandu/', media: { [media[0].sha256]: { id: '70', url: 'https://dinkes.example.go.id/wp-content/uploads/a.jpg' }, [media[1].sha256]: { id: '71', url: 'https://dinkes.example.go.id/wp-content/uploads/b.jpg' } }, terms: {} },
      intents: [], needsAction: null, lastError: null, publishedAt: at, publicationId: null, log: [],
    });
    const draft = await api.call('posts.create', { content: { title: 'Belum tayang', lead: 'BLORA – Isi.', bodyMd: 'Isi.', category: 'Kesehatan' } });

    const xml = await buildWxr(api.ctx, [post, api.store.posts.get(draft.id)!]);
    expect(xml).not.toMatch(/[\u000B\u000C]/);
    const doc = parseStrict(xml);
    const items = Array.from(doc.getElementsByTagName('item'));
    const posts = items.filter((i) => text(i, WP, 'post_type') === 'post');
    const atts = items.filter((i) => text(i, WP, 'post_type') === 'attachment');
    expect(posts).toHaveLength(2);
    expect(atts).toHaveLength(2);
    const ids = items.map((i) => text(i, WP, 'post_id'));
    expect(new Set(ids).size).toBe(ids.length);

    const p = posts[0];
    expect(text(p, null, 'title')).toBe('Posyandu Balita <Desa> & "Sido"');
    expect(text(p, WP, 'status')).toBe('publish');
    expect(text(p, WP, 'post_date')).toBe('2026-11-26 09:30:00'); // WIB
    expect(text(p, WP, 'post_date_gmt')).toBe('2026-11-26 02:30:00');
    expect(text(p, WP, 'post_parent')).toBe('0');
    const content = text(p, 'http://purl.org/rss/1.0/modules/content/', 'encoded');
    expect(content).toContain('<!-- wp:paragraph -->');
    expect(content).toContain('Isi ]]&gt; dengan penutup CDATA.');
    expect(content).not.toContain('Kesehatan');
    expect(content).toContain('<!-- wp:image');
    // Titles and excerpts are escaped text, only the article HTML is CDATA.
    expect(xml).toContain('<title>Posyandu Balita &lt;Desa&gt; &amp; &quot;Sido&quot;</title>');
    expect(xml.match(/<!\[CDATA\[/g)!.length).toBeGreaterThanOrEqual(2);
    expect(xml).not.toMatch(/<(title|excerpt:encoded|wp:post_name)><!\[CDATA\[/);
    const cats = Array.from(p.getElementsByTagName('category')).map((c) => `${c.getAttribute('domain')}:${c.textContent}`);
    expect(cats).toEqual(['category:Kesehatan', 'post_tag:Stunting', 'post_tag:Gizi']);
    expect(text(p, null, 'dc:creator') || text(p, 'http://purl.org/dc/elements/1.1/', 'creator')).toBe('ani-lestari');

    // Attachments: children of the post, alt text and caption kept, the first is the featured image.
    const meta = (el: Element) => Object.fromEntries(Array.from(el.getElementsByTagNameNS(WP, 'postmeta')).map((m) => [text(m, WP, 'meta_key'), text(m, WP, 'meta_value')]));
    for (const a of atts) {
      expect(text(a, WP, 'post_parent')).toBe(text(p, WP, 'post_id'));
      expect(text(a, WP, 'status')).toBe('inherit');
      expect(text(a, WP, 'attachment_url')).toMatch(/^https:\/\/dinkes\.example\.go\.id\/wp-content\/uploads\//);
    }
    expect(atts.map((a) => meta(a)._wp_attachment_image_alt)).toEqual(['Kader menimbang balita', 'Warga antre']);
    expect(text(atts[0], 'http://wordpress.org/export/1.2/excerpt/', 'encoded')).toBe('Keterangan Kader menimbang balita Foto: Humas');
    expect(meta(p)._thumbnail_id).toBe(text(atts[0], WP, 'post_id'));

    expect(text(posts[1], WP, 'status')).toBe('draft');
    expect(Array.from(doc.getElementsByTagNameNS(WP, 'author')).map((a) => text(a, WP, 'author_login'))).toEqual(['ani-lestari', 'admin']);

    // PHP's SimpleXML (the importer's parser) reads it with every warning on.
    const file = path.join(tempDir('redaksi-wxr-'), 'export.xml');
    writeFileSync(file, xml);
    const php = spawnSync(
      'php',
      ['-d', 'error_reporting=-1', '-d', 'display_errors=stderr', '-r', '$x = simplexml_load_file($argv[1]); if (!$x) { exit(2); } $n = $x->getNamespaces(true); $c = 0; foreach ($x->channel->item as $i) { $w = $i->children($n["wp"]); $c++; echo (string)$w->post_type, ":", (string)$w->post_id, "\\n"; } echo "items ", $c, "\\n";', file],
      { encoding: 'utf8' },
    );
    if ((php.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') console.warn('[wxr] php not installed: SimpleXML check skipped');
    else {
      expect(php.stderr).toBe('');
      expect(php.status).toBe(0);
      expect(php.stdout).toContain('items 4');
    }
  });

  it('strips every character XML 1.0 forbids and keeps the rest', () => {
    expect(stripXmlInvalid('a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\tg\nh\ri\uFFFEj\uD800k😀')).toBe('abcdef\tg\nh\rijk😀');
  });
});
