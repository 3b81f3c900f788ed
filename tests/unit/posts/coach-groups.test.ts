import { describe, expect, it } from 'vitest';
import { applyFixes, groupFindings } from '@shared/posts/coach-groups';
import { coach } from './helpers';

describe('coach panel order and groups (issue 17)', () => {
  const text = 'Dana Rp 5.000 dan Rp 7.000 serta Rp 9.000 diserahkan.\n\nWarga dihimbau hadir. Petugas dihimbau siaga.\n\nPara siswa yang yang hadir menerima bantuan dari sekolah.\n\n“Kami siap hadir, kata camat.';
  const fs = coach({ bodyMd: text, lead: 'Pendek.' });

  it('puts errors first, groups repeated findings, folds structure notes', () => {
    const { main, notes } = groupFindings(fs);
    expect(main[0].severity).toBe('error');
    const sev = main.map((g) => g.severity);
    expect([...sev].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b))).toEqual(sev);
    const rp = main.find((g) => g.ruleId === 'eyd.rupiah')!;
    expect(rp.findings).toHaveLength(3);
    expect(main.find((g) => g.ruleId === 'eyd.nonstandard')!.findings.map((f) => f.text)).toEqual(['dihimbau', 'dihimbau']);
    expect(notes.map((g) => g.ruleId)).toContain('lead.length');
    expect(main.map((g) => g.ruleId)).not.toContain('lead.length');
  });

  it('"Perbaiki semua" applies every fix of a group at once', () => {
    const rp = groupFindings(fs).main.find((g) => g.ruleId === 'eyd.rupiah')!;
    const r = applyFixes(text, rp.findings);
    expect(r.applied).toBe(3);
    expect(r.text.split('\n')[0]).toBe('Dana Rp5.000 dan Rp7.000 serta Rp9.000 diserahkan.');
    // Text moved since the check: the finding after the change is skipped, the others still apply.
    const changed = text.replace('Rp 7.000', 'Rp  7.000');
    expect(applyFixes(changed, rp.findings).applied).toBe(2);
  });
});
