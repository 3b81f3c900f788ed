import type { Slide } from './card';

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
const sentence = (s: string) => {
  const t = clean(s);
  if (!t) return '';
  // A sentence that ends inside its closing quote is finished ("…desa." stays, never "…desa."."").
  if (/[.!?…]["”’)]*$/.test(t)) return t;
  return /["”]$/.test(t) ? t : `${t}.`;
};

/**
 * Alt text drafted from the slide's fields: what kind of image it is, then
 * the words on it, so a screen-reader user gets the same information.
 */
export function draftAltText(slide: Slide, opdName: string, index = 0): string {
  // The OPD is named once, on the first slide: a screen reader should not read a long official name ten times.
  const by = opdName.trim() && index === 0 ? ` ${opdName.trim()}` : '';
  const parts: string[] = [];
  switch (slide.template) {
    case 'angka-kunci':
      parts.push(`Infografis${by}: ${clean([slide.number, slide.label].filter((x) => x.trim()).join(' '))}`);
      parts.push(sentence(slide.body));
      break;
    case 'capaian': {
      parts.push(`Infografis capaian${by}${slide.title.trim() ? `: ${clean(slide.title)}` : ''}`);
      const items = slide.items.filter((i) => i.value.trim() || i.label.trim()).map((i) => clean(`${i.value} ${i.label}`));
      if (items.length) parts.push(`${items.join('; ')}`);
      break;
    }
    case 'kutipan':
      parts.push(`Kutipan ${clean(slide.speakerName) || 'narasumber'}${slide.speakerTitle.trim() ? `, ${clean(slide.speakerTitle)}` : ''}`);
      if (slide.body.trim()) parts.push(`"${clean(slide.body).replace(/^["“]+|["”]+$/g, '')}"`);
      break;
    case 'poin-poin':
      parts.push(`Infografis${by}${slide.title.trim() ? `: ${clean(slide.title)}` : ''}`);
      slide.points.filter((p) => p.trim()).forEach((p, i) => parts.push(`${i + 1}. ${sentence(p)}`));
      break;
    case 'agenda':
      parts.push(`${clean(slide.kicker) || 'Pengumuman'}${by}: ${clean(slide.title)}`);
      for (const [k, v] of [['Tanggal', slide.date], ['Waktu', slide.time], ['Tempat', slide.place], ['Kontak', slide.contact]] as const) {
        if (v.trim()) parts.push(`${k}: ${clean(v)}`);
      }
      break;
    case 'foto-keterangan':
      parts.push(`Foto${slide.title.trim() ? `: ${clean(slide.title)}` : ''}`);
      parts.push(sentence(slide.body));
      break;
    case 'sampul':
      parts.push(`Sampul${by}: ${clean(slide.title)}`);
      parts.push(sentence(slide.label));
      break;
    case 'penutup':
      parts.push(`Penutup${by}: ${clean(slide.title) || 'informasi kontak dan media sosial'}`);
      break;
  }
  if (slide.source.trim() && (slide.template === 'angka-kunci' || slide.template === 'capaian')) {
    parts.push(sentence(/^sumber/i.test(slide.source.trim()) ? slide.source : `Sumber: ${slide.source}`));
  }
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map(sentence)
    .join(' ')
    .slice(0, 1000);
}

/** The alt text in effect: the user's text, or the draft when they never edited it. */
export function altTextOf(slide: Slide, opdName: string, index = 0): string {
  return slide.altText === null ? draftAltText(slide, opdName, index) : slide.altText;
}
