/**
 * Issue 17: the coach and the paste splitter on the real articles of
 * ../shared/corpus (labels in tests/corpus/labels.ts).
 */
import { evaluateCorpus } from '../corpus/evaluate';
import { report } from './stats';

export function newsCorpusBench(): void {
  const r = evaluateCorpus();
  report('news_corpus_false_alarms_per_1000_words', r.falseAlarmsPer1000, `per 1000 words (${r.falseAlarms} of ${r.findings} findings, ${r.articles} articles, ${r.words} words)`);
  report('news_corpus_false_alarms_per_1000_words_cleanest4', r.cleanestFalseAlarmsPer1000, 'per 1000 words');
  report('news_corpus_spelling_false_alarms_per_1000_words', r.spellFalseAlarmsPer1000, 'per 1000 words');
  report('news_corpus_labelled_error_recall', (100 * r.found) / r.labels, `% (${r.found}/${r.labels})`);
  report('news_corpus_injected_error_recall', (100 * r.injected.flagged) / r.injected.total, `% (${r.injected.flagged}/${r.injected.total})`);
  report('news_corpus_splitter_accuracy', (100 * r.splitOk) / r.articles, `% (${r.splitOk}/${r.articles} articles: title, dateline, lead, body, credit)`);
}
