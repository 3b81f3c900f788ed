/**
 * "Sambungkan akun X" in Chromium: the admin types the Client ID, approves on
 * the X page that opens, and comes back to a connected account; "Putuskan"
 * revokes the token. X is a local server following the documented OAuth 2.0
 * protocol (docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code):
 * /i/oauth2/authorize redirects to the loopback callback with code and state,
 * /2/oauth2/token checks the PKCE verifier, /2/oauth2/revoke.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Store } from '@core/store/store';
import { expect, startHost, stopHost, test } from './fixtures';
import { protocolStub, sendJson } from '../protocol-stub';

const CLIENT = 'cmVkYWtzaS1uYXRpdmUtYXBw';

function fakeX() {
  const codes = new Map<string, string>();
  const revoked: string[] = [];
  const stub = protocolStub((req, res, raw) => {
    const url = new URL(req.url!, 'http://x');
    const json = (status: number, body: unknown) => sendJson(res, status, body);
    if (url.pathname === '/i/oauth2/authorize') {
      // The consent page: one button, as on x.com.
      const back = new URL(url.searchParams.get('redirect_uri')!);
      const code = `code${codes.size + 1}`;
      codes.set(code, url.searchParams.get('code_challenge')!);
      back.search = new URLSearchParams({ code, state: url.searchParams.get('state')! }).toString();
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(`<!doctype html><title>X</title><p>Redaksi ingin mengakses akun Anda.</p><a href="${back.toString().replace(/&/g, '&amp;')}">Authorize app</a>`);
    }
    const f = new URLSearchParams(raw.toString('utf8'));
    if (url.pathname === '/2/oauth2/token') {
      const ch = codes.get(f.get('code') ?? '');
      if (f.get('client_id') !== CLIENT || !ch || createHash('sha256').update(f.get('code_verifier') ?? '').digest('base64url') !== ch) return json(400, { error: 'invalid_request' });
      return json(200, { token_type: 'bearer', expires_in: 7200, access_token: 'at1', refresh_token: 'rt1' });
    }
    if (url.pathname === '/2/oauth2/revoke') return (revoked.push(f.get('token') ?? ''), json(200, { revoked: true }));
    if (url.pathname === '/2/users/me') return json(200, { data: { id: '1', username: 'kominfoblora' } });
    json(404, {});
  });
  return { server: stub.server, revoked };
}

test('an admin connects the X account through X’s permission page and disconnects it', async ({ page, dataDir }) => {
  test.setTimeout(60_000);
  const x = fakeX();
  await new Promise<void>((r) => x.server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(x.server.address() as AddressInfo).port}`;
  const store = await Store.open(dataDir);
  await store.putWorkspace({ ...store.workspace, team: [{ id: 'rina', name: 'Rina', role: 'admin', pinHash: null }], rev: store.workspace.rev + 1 });
  const host = await startHost(dataDir, { REDAKSI_X_API_BASE: base, REDAKSI_X_CALLBACK_PORT: '0' });
  try {
    await fetch(`${host.url}api/session.signIn`, { method: 'POST', headers: { Authorization: `Bearer ${host.token}` }, body: JSON.stringify({ memberId: 'rina' }) });
    await page.goto(host.launchUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Antrean', exact: true }).click();
    await page.getByRole('link', { name: 'Koneksi' }).click();
    await page.getByRole('button', { name: 'Tambah koneksi X' }).click();
    await expect(page.getByText('Alamat kembali yang didaftarkan di X ("Callback URI"):')).toBeVisible();
    await page.getByLabel('Kode "Client ID" (OAuth 2.0)').fill(CLIENT);
    const popupP = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Sambungkan akun X' }).click();
    const popup = await popupP;
    await expect(page.getByText(/Menunggu izin di halaman X/)).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/queue-x-waiting.png', fullPage: true });
    await popup.getByRole('link', { name: 'Authorize app' }).click();
    await expect(popup.getByRole('heading', { name: 'Akun X tersambung' })).toBeVisible();
    await popup.close();

    await expect(page.getByText('Akun X @kominfoblora tersambung.')).toBeVisible();
    const card = page.locator('form.queue-conn').filter({ has: page.getByLabel('Akun X (tanpa @)') });
    await expect(card.getByText('Akun X (OAuth 2.0)')).toBeVisible();
    await expect(card.getByLabel('Akun X (tanpa @)')).toHaveValue('kominfoblora');
    await page.screenshot({ path: 'test-results/screens/queue-x-connected.png', fullPage: true });

    page.once('dialog', (d) => void d.accept());
    await card.getByRole('button', { name: 'Putuskan akun X' }).click();
    await expect(page.getByText('Akun X diputuskan. Token sudah dicabut dan dihapus.')).toBeVisible();
    expect(x.revoked).toEqual(['rt1']);
    await expect(card.getByText('Kata sandi belum tersimpan')).toBeVisible();
  } finally {
    await stopHost(host);
    x.server.close();
  }
});
