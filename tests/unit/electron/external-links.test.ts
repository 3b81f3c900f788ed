import { describe, expect, it } from 'vitest';
import { externalLinkDecision } from '@core/external-links';

describe('external links (shell.openExternal)', () => {
  const own = ['https://diskominfo.blorakab.go.id', 'bappeda.blorakab.go.id/', ''];
  it("opens the OPD's own sites and the publishing platforms without asking", () => {
    for (const u of [
      'https://diskominfo.blorakab.go.id/2026/11/berita',
      'https://www.diskominfo.blorakab.go.id/',
      'https://bappeda.blorakab.go.id/x',
      'https://www.facebook.com/123',
      'https://x.com/dinas/status/1',
      'https://www.instagram.com/p/abc/',
      'https://wa.me/628123',
    ]) {
      expect(externalLinkDecision(u, own), u).toBe('open');
    }
  });

  it('asks before any other https address, including look-alikes', () => {
    for (const u of ['https://evil.example/', 'https://facebook.com.evil.example/', 'https://blorakab.go.id.evil.example/', 'https://notfacebook.com/', 'https://kominfo.blorakab.go.id/']) {
      expect(externalLinkDecision(u, own), u).toBe('ask');
    }
  });

  it('never opens other schemes or addresses with credentials', () => {
    for (const u of ['http://diskominfo.blorakab.go.id/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'https://user:pw@facebook.com/', 'not a url']) {
      expect(externalLinkDecision(u, own), u).toBe('refuse');
    }
  });
});
