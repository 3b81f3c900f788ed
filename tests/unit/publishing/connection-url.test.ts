import { describe, expect, it } from 'vitest';
import { isInsecureSiteUrl } from '@shared/publishing/connection';

describe('plain http site addresses', () => {
  it('warns for http:// away from this computer, not for https or loopback', () => {
    for (const u of ['http://dinkes.blorakab.go.id', 'HTTP://dinkes.blorakab.go.id/wp-admin', ' http://10.0.0.5:8080', 'http://user@site.go.id']) expect(isInsecureSiteUrl(u), u).toBe(true);
    for (const u of ['https://dinkes.blorakab.go.id', 'http://127.0.0.1:8091', 'http://localhost:8080/', 'http://[::1]:80', 'dinkes.blorakab.go.id', '']) expect(isInsecureSiteUrl(u), u).toBe(false);
  });
});
