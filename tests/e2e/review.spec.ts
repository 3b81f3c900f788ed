import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, hostCall as apiCall, startHost, stopHost, test, type Host } from './fixtures';

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

/** The team is set up in Settings (someone else's screen); here it comes through the same API. */
async function seedTeam(host: Host, writer: string, editor: string) {
  const ws = await apiCall<{ rev: number }>(host, 'settings.get', {});
  await apiCall(host, 'settings.update', {
    baseRev: ws.rev,
    team: [
      { name: writer, role: 'penulis' },
      { name: editor, role: 'editor' },
    ],
  });
}

async function switchTo(page: Page, name: string, pin?: string) {
  await page.getByRole('button', { name: 'Ganti profil' }).click();
  await page.getByRole('button', { name: new RegExp(`^${name} ·`) }).click();
  if (pin) {
    await page.getByLabel(`PIN untuk ${name}`).fill(pin);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  }
  await expect(page.getByTestId('active-profile')).toHaveText(name);
}

const LEAD = 'Bupati Blora Arief Rohman meminta media sosial OPD aktif merespons laporan masyarakat, Kamis (25/8/2022).';
const P1 = 'Hal itu disampaikan pada Workshop Digital Content 2022 di ruang pertemuan setda.';
const P2 = '“Jangan hanya buat medsos untuk sekadar punya saja, atau ada tapi mati suri,” tegas bupati.';

test('author submits, editor comments and requests changes, author fixes, editor sees the diff and approves', async ({ page, host }) => {
  await seedTeam(host, 'Sari Penulis', 'Budi Editor');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.launchUrl);

  // The editor protects the profile with a PIN on first use.
  await switchTo(page, 'Budi Editor');
  await page.getByRole('button', { name: 'Ganti profil' }).click();
  await page.getByRole('button', { name: 'Atur PIN saya' }).click();
  await page.getByLabel('PIN baru (4–8 angka, kosongkan untuk menghapus)').fill('2468');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('PIN disimpan.')).toBeVisible();

  // Author writes and submits.
  await switchTo(page, 'Sari Penulis');
  await nav(page, 'Tulisan').click();
  await page.getByRole('button', { name: /Tulisan baru/ }).click();
  await page.getByRole('textbox', { name: 'Judul', exact: true }).fill('Medsos OPD Jangan Mati Suri');
  await page.getByRole('textbox', { name: 'Teras berita (lead)' }).fill(LEAD);
  await page.getByRole('textbox', { name: 'Isi berita' }).fill(`${P1}\n\n${P2}`);
  await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');
  await page.getByRole('button', { name: 'Ajukan untuk ditinjau' }).click();
  await expect(page.getByTestId('review-status')).toHaveText('Ditinjau');
  // Nobody approves their own post: the author gets no decision buttons.
  await expect(page.getByRole('button', { name: 'Setujui' })).toHaveCount(0);

  // Editor: a wrong PIN is refused, the right one signs in; the inbox shows the post.
  await page.getByRole('button', { name: 'Ganti profil' }).click();
  await page.getByRole('button', { name: /^Budi Editor ·/ }).click();
  await page.getByLabel('PIN untuk Budi Editor').fill('1111');
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'PIN salah.' })).toBeVisible();
  await page.getByLabel('PIN untuk Budi Editor').fill('2468');
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByTestId('active-profile')).toHaveText('Budi Editor');
  await page.getByTestId('inbox-button').click();
  await page.getByRole('link', { name: /Medsos OPD Jangan Mati Suri.*diajukan Sari Penulis/ }).click();

  // Comment on the quote paragraph, then ask for changes (the note is required).
  await page.getByRole('button', { name: 'Komentar paragraf 2' }).click();
  await expect(page.getByTestId('composer-anchor')).toHaveText(/Pada paragraf 2/);
  await page.getByLabel('Komentar', { exact: true }).fill('Sebutkan nama lengkap bupati pada kutipan.');
  await page.getByRole('button', { name: 'Kirim komentar' }).click();
  await expect(page.getByTestId('comment-thread')).toContainText('Sebutkan nama lengkap bupati');
  // A suggested edit on a highlighted passage.
  await page.locator('[data-paragraph="1"] .review-para-text').evaluate((el) => {
    const node = el.querySelector('p')!.firstChild!;
    const at = node.textContent!.indexOf('Workshop Digital Content 2022');
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + 'Workshop Digital Content 2022'.length);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  });
  await expect(page.getByTestId('composer-anchor')).toHaveText(/Pada “Workshop Digital Content 2022”/);
  await page.getByLabel('Usulkan perubahan teks pada bagian yang disorot').check();
  await page.getByLabel('Ganti menjadi').fill('Lokakarya Konten Digital 2022');
  await page.getByRole('button', { name: 'Kirim usulan' }).click();
  // Shown as track changes: the words that go struck through, the new ones underlined.
  await expect(page.getByTestId('suggestion').locator('del').first()).toContainText('Workshop');
  await expect(page.getByTestId('suggestion').locator('ins').first()).toContainText('Lokakarya');
  await expect(page.getByTestId('composer-anchor')).toHaveText('Komentar umum');
  await page.getByRole('button', { name: 'Minta perbaikan' }).click();
  await expect(page.getByText('Tulis catatan perbaikan untuk penulis.')).toBeVisible();
  await page.getByLabel('Catatan untuk penulis').fill('Lengkapi nama bupati pada kutipan.');
  await page.screenshot({ path: 'test-results/screens/review-editor-comment.png' });
  await page.getByRole('button', { name: 'Minta perbaikan' }).click();
  await expect(page.getByTestId('review-status')).toHaveText('Perlu perbaikan');

  // Author sees the request, fixes the text and resubmits.
  await switchTo(page, 'Sari Penulis');
  await page.getByTestId('inbox-button').click();
  await page.getByRole('link', { name: /Perlu perbaikan · diminta Budi Editor/ }).click();
  await expect(page.getByTestId('request-note')).toHaveText('Lengkapi nama bupati pada kutipan.');
  await page.getByTestId('suggestion').getByRole('button', { name: 'Terima' }).click();
  await expect(page.getByTestId('suggestion')).toContainText('Diterima · Sari Penulis');
  await page.getByRole('link', { name: 'Kembali ke penyunting' }).click();
  await expect(page.getByText('Editor Budi Editor meminta perbaikan:')).toBeVisible();
  const fixedP1 = P1.replace('Workshop Digital Content 2022', 'Lokakarya Konten Digital 2022');
  await expect(page.getByRole('textbox', { name: 'Isi berita' })).toHaveText(new RegExp(`^${fixedP1}`));
  await page.getByRole('textbox', { name: 'Isi berita' }).fill(`${fixedP1}\n\n${P2.replace('tegas bupati', 'tegas Bupati Arief Rohman')}`);
  await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');
  await page.screenshot({ path: 'test-results/screens/review-author-bar.png' });
  await page.getByRole('button', { name: 'Ajukan untuk ditinjau' }).click();
  await expect(page.getByTestId('review-status')).toHaveText('Ditinjau');

  // Editor sees exactly what changed and approves.
  await switchTo(page, 'Budi Editor', '2468');
  const changes = page.getByTestId('review-changes');
  await expect(changes).toContainText('Yang berubah sejak Budi Editor meminta perbaikan');
  await expect(changes.locator('ins')).toContainText(['Lokakarya', 'Bupati Arief Rohman']);
  await expect(changes.locator('del')).toContainText(['bupati']);
  await page.getByRole('button', { name: 'Tandai selesai' }).click();
  await page.screenshot({ path: 'test-results/screens/review-diff.png' });
  await page.getByRole('button', { name: 'Setujui' }).click();
  await expect(page.getByTestId('review-status')).toHaveText('Disetujui');
  await expect(page.getByTestId('review-credit')).toHaveText('Penulis: Sari Penulis / Editor: Budi Editor');
  await expect(page.getByText(/Disetujui oleh Budi Editor pada/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/review-approved.png', fullPage: true });

  // The Editor credit in the post itself, and the trail of who did what.
  await page.getByRole('link', { name: 'Kembali ke penyunting' }).click();
  await expect(page.getByLabel('Editor', { exact: true })).toHaveValue('Budi Editor');
  await page.goBack();
  await page.getByRole('link', { name: 'Jejak' }).click();
  const rows = page.locator('table.review-audit tbody tr');
  await expect(rows.first()).toContainText('Budi Editor');
  await expect(rows.first()).toContainText('Disetujui');
  await expect(page.locator('table.review-audit')).toContainText('Diajukan');
  await page.screenshot({ path: 'test-results/screens/review-audit.png' });
});

test('a review file goes from one data folder to an editor in another and the reply comes back', async ({ page, host, browser }) => {
  const dirB = mkdtempSync(path.join(os.tmpdir(), 'redaksi-e2e-b-'));
  const hostB = await startHost(dirB);
  const files = mkdtempSync(path.join(os.tmpdir(), 'redaksi-e2e-files-'));
  try {
    await seedTeam(host, 'Sari Penulis', 'Budi Editor');
    await seedTeam(hostB, 'Admin Diskominfo', 'Kabid Humas');
    await page.goto(host.launchUrl);
    await switchTo(page, 'Sari Penulis');
    await nav(page, 'Tulisan').click();
    await page.getByRole('button', { name: /Tulisan baru/ }).click();
    await page.getByRole('textbox', { name: 'Judul', exact: true }).fill('Workshop Digital Content 2022');
    await page.getByRole('textbox', { name: 'Teras berita (lead)' }).fill(LEAD);
    await page.getByRole('textbox', { name: 'Isi berita' }).fill(`${P1}\n\n${P2}`);
    await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');
    await page.getByRole('button', { name: 'Ajukan untuk ditinjau' }).click();
    await page.getByRole('button', { name: 'Kirim untuk ditinjau (berkas)' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Unduh tinjau-.*\.redaksi/ }).click()]);
    const requestFile = path.join(files, download.suggestedFilename());
    await download.saveAs(requestFile);
    expect(download.suggestedFilename()).toMatch(/^tinjau-workshop-digital-content-2022-.*\.redaksi$/);

    // The editor's own Redaksi, on another data folder.
    const ctxB = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } });
    const pageB = await ctxB.newPage();
    await pageB.goto(hostB.launchUrl);
    await switchTo(pageB, 'Kabid Humas');
    await pageB.getByTestId('review-import').setInputFiles(requestFile);
    await expect(pageB.getByTestId('review-status')).toHaveText('Ditinjau');
    await pageB.getByRole('button', { name: 'Komentar paragraf 1' }).click();
    await pageB.getByLabel('Komentar', { exact: true }).fill('Nama acara sudah benar.');
    await pageB.getByRole('button', { name: 'Kirim komentar' }).click();
    // The editor suggests one wording change and approves with it applied, in one step.
    const postId = decodeURIComponent(new URL(pageB.url()).hash.split('/')[2] ?? '');
    await apiCall(hostB, 'review.suggest', { postId, field: 'bodyMd', from: 'ruang pertemuan setda', to: 'ruang pertemuan Setda Blora' });
    await pageB.reload();
    await expect(pageB.getByText('“ruang pertemuan setda” → “ruang pertemuan Setda Blora”')).toBeVisible();
    await pageB.getByRole('button', { name: 'Setujui dengan 1 saran ini' }).click();
    await expect(pageB.getByTestId('review-status')).toHaveText('Disetujui');
    await expect(pageB.getByTestId('approval-signature')).toContainText('Ditandatangani secara digital');
    await pageB.getByRole('button', { name: 'Kirim balasan (berkas)' }).click();
    const [replyDl] = await Promise.all([pageB.waitForEvent('download'), pageB.getByRole('link', { name: /Unduh balasan-.*\.redaksi/ }).click()]);
    const replyFile = path.join(files, replyDl.suggestedFilename());
    await replyDl.saveAs(replyFile);
    await pageB.screenshot({ path: 'test-results/screens/review-second-host.png' });
    // The editor reads her key fingerprint to the author over the phone.
    await pageB.getByRole('button', { name: 'Ganti profil' }).click();
    const fingerprint = ((await pageB.getByTestId('my-fingerprint').textContent()) ?? '').replace('Sidik kunci saya: ', '');
    expect(fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){4}$/);
    await pageB.getByRole('button', { name: 'Ganti profil' }).click();

    // The request opened again brings nothing new (its revisions are here already), and says so.
    await pageB.getByTestId('review-import').setInputFiles(requestFile);
    await expect(pageB.getByText(/Tidak ada yang baru di berkas ini/)).toBeVisible();
    await expect(pageB.getByTestId('review-status')).toHaveText('Disetujui');
    await ctxB.close();

    // Back at the author's PC. A reply whose decision was edited by hand (manifest rebuilt) is refused.
    const entries = unzipSync(readFileSync(replyFile));
    const docs = JSON.parse(strFromU8(entries['docs.json'])) as { _id: string; data: { decision: { kind: string } } }[];
    docs.find((d) => d._id.startsWith('reviews:'))!.data.decision.kind = 'changes_requested';
    entries['docs.json'] = strToU8(JSON.stringify(docs));
    const manifest = JSON.parse(strFromU8(entries['manifest.json']));
    manifest.entries = Object.keys(entries)
      .filter((n) => n !== 'manifest.json')
      .map((name) => ({ name, bytes: entries[name].byteLength, sha256: createHash('sha256').update(entries[name]).digest('hex') }));
    entries['manifest.json'] = strToU8(JSON.stringify(manifest));
    const forgedFile = path.join(files, 'balasan-palsu.redaksi');
    writeFileSync(forgedFile, zipSync(entries));
    await page.getByTestId('review-import').setInputFiles(forgedFile);
    await expect(page.getByRole('alert').filter({ hasText: 'Tanda tangan editor tidak cocok' })).toBeVisible();

    // The genuine reply: the first time, the PC's editor confirms the outside editor's key by its fingerprint.
    await switchTo(page, 'Budi Editor');
    await page.getByTestId('review-import').setInputFiles(replyFile);
    await expect(page.getByRole('dialog', { name: 'Kenali kunci editor' })).toBeVisible();
    await expect(page.getByTestId('trust-fingerprint')).toHaveText(fingerprint);
    await page.screenshot({ path: 'test-results/screens/review-trust-key.png' });
    await page.getByRole('button', { name: 'Cocok — percayai dan buka lagi' }).click();
    await expect(page.getByText('Balasan editor digabungkan: naskah diganti dengan versi editor.')).toBeVisible();
    await expect(page.getByTestId('review-status')).toHaveText('Disetujui');
    await expect(page.getByTestId('review-credit')).toHaveText('Penulis: Sari Penulis / Editor: Kabid Humas');
    await expect(page.getByTestId('approval-signature')).toHaveText(`Tanda tangan editor terverifikasi (sidik kunci ${fingerprint}): naskah persis ini disetujui oleh orang tersebut.`);
    await expect(page.getByText('Hal itu disampaikan pada Workshop Digital Content 2022 di ruang pertemuan Setda Blora.')).toBeVisible();
    await expect(page.getByTestId('comment-thread')).toContainText('Nama acara sudah benar.');
    await page.screenshot({ path: 'test-results/screens/review-reply-merged.png' });
    // The same reply again changes nothing: the decision is not taken twice.
    await page.getByTestId('review-import').setInputFiles(replyFile);
    await expect(page.getByText(/Tidak ada yang baru di berkas ini/)).toBeVisible();
    await expect(page.getByTestId('review-status')).toHaveText('Disetujui');
  } finally {
    await stopHost(hostB);
    rmSync(dirB, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  }
});

test('when both sides changed the text, the author sees both versions side by side and picks per part', async ({ page, host }) => {
  const dirB = mkdtempSync(path.join(os.tmpdir(), 'redaksi-e2e-b-'));
  const hostB = await startHost(dirB);
  try {
    await seedTeam(host, 'Sari Penulis', 'Budi Editor');
    await seedTeam(hostB, 'Admin Diskominfo', 'Kabid Humas');
    const teamA = await apiCall<{ team: { id: string; name: string }[] }>(host, 'settings.get', {});
    const teamB = await apiCall<{ team: { id: string; name: string }[] }>(hostB, 'settings.get', {});
    await apiCall(host, 'session.signIn', { memberId: teamA.team[0].id });
    await apiCall(hostB, 'session.signIn', { memberId: teamB.team[1].id });
    const post = await apiCall<{ id: string; rev: number }>(host, 'posts.create', {
      content: { title: 'Judul awal penulis', lead: LEAD, bodyMd: `${P1}\n\n${P2}` },
    });
    await apiCall(host, 'review.submit', { postId: post.id });
    const req = await apiCall<{ fileName: string }>(host, 'review.exportPackage', { postId: post.id });
    const reqBytes = readFileSync(path.join(host.dataDir, 'exports', req.fileName));
    await apiCall(hostB, 'review.importPackage', { fileName: req.fileName, dataBase64: reqBytes.toString('base64') });
    const copy = await apiCall<{ rev: number }>(hostB, 'posts.get', { id: post.id });
    await apiCall(hostB, 'posts.update', { id: post.id, baseRev: copy.rev, patch: { title: 'Judul usulan editor' } });
    await apiCall(hostB, 'review.approve', { postId: post.id, validHours: null });
    const reply = await apiCall<{ fileName: string }>(hostB, 'review.exportPackage', { postId: post.id });
    const replyFile = path.join(hostB.dataDir, 'exports', reply.fileName);
    // The author's PC already trusts the editor's key (confirmed by phone earlier).
    const editorB = (await apiCall<{ member: { name: string; publicKey: string } }>(hostB, 'session.get', {})).member;
    await apiCall(host, 'session.signIn', { memberId: teamA.team[1].id });
    await apiCall(host, 'review.trustKey', { publicKey: editorB.publicKey, name: editorB.name, role: 'editor' });
    await apiCall(host, 'session.signIn', { memberId: teamA.team[0].id });
    // Meanwhile the author changed the title too.
    const mine = await apiCall<{ rev: number }>(host, 'posts.get', { id: post.id });
    await apiCall(host, 'posts.update', { id: post.id, baseRev: mine.rev, patch: { title: 'Judul baru penulis' } });

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(host.launchUrl);
    await expect(page.getByTestId('active-profile')).toHaveText('Sari Penulis');
    await page.getByTestId('review-import').setInputFiles(replyFile);
    // Both versions kept, as any sync conflict, and chosen per part in the merge view of the review screen.
    const panel = page.getByRole('region', { name: '"Judul baru penulis" diubah di dua komputer' });
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('Judul baru penulis');
    await expect(panel).toContainText('Judul usulan editor');
    // The approval was for the editor's version, so it does not approve this one.
    await expect(page.getByTestId('review-status')).toHaveText('Ditinjau');
    await page.screenshot({ path: 'test-results/screens/review-conflict.png' });
    await panel.getByRole('radio', { name: /Versi Kabid Humas/ }).check();
    await panel.getByRole('button', { name: 'Simpan pilihan' }).click();
    await expect(panel).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Judul usulan editor', exact: true })).toBeVisible();
  } finally {
    await stopHost(hostB);
    rmSync(dirB, { recursive: true, force: true });
  }
});
