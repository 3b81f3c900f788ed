import { evaluateCorpus } from './evaluate';
const r = evaluateCorpus();
const verbose = process.argv.includes('-v');
if (verbose) {
  for (const p of r.perArticle) {
    console.log(`== ${p.file} fa=${p.falseAlarms.length} found=${p.found}/${p.labels}`);
    for (const f of p.falseAlarms) console.log(`   FA ${f.field} ${f.ruleId} ${JSON.stringify(f.text.slice(0, 30))}`);
    for (const m of p.missed) console.log(`   MISS ${JSON.stringify(m.rule)} ${m.span ?? ''}`);
  }
  for (const s of r.splits) if (!s.ok) console.log(`SPLIT ${s.file}: ${s.wrong.join(' | ')}`);
  for (const m of r.injected.missed) console.log(`INJ MISS ${m}`);
}
console.log(`false alarms/1000 words: ${r.falseAlarmsPer1000.toFixed(1)} (${r.falseAlarms} of ${r.findings}); cleanest4: ${r.cleanestFalseAlarmsPer1000.toFixed(1)}; spelling FA/1000: ${r.spellFalseAlarmsPer1000.toFixed(1)}`);
console.log(`labelled recall: ${r.found}/${r.labels}; injected: ${r.injected.flagged}/${r.injected.total}; splitter: ${r.splitOk}/${r.articles}; words ${r.words}`);
