import type { CardTemplate } from '@shared/cards/card';
import { agenda } from './agenda';
import { angkaKunci } from './angka-kunci';
import { capaian } from './capaian';
import type { Template } from './common';
import { fotoKeterangan } from './foto-keterangan';
import { kutipan } from './kutipan';
import { penutup } from './penutup';
import { poinPoin } from './poin-poin';
import { sampul } from './sampul';

export type { Template, TemplateBrand, TemplateContext } from './common';
export { readableMin } from './common';

export const TEMPLATES: Record<CardTemplate, Template> = {
  'angka-kunci': angkaKunci,
  capaian,
  kutipan,
  'poin-poin': poinPoin,
  agenda,
  'foto-keterangan': fotoKeterangan,
  sampul,
  penutup,
};

/** Templates whose main content is a number (they need "Sumber: …"). */
export const NUMBER_TEMPLATES: readonly CardTemplate[] = ['angka-kunci', 'capaian'];
/** Templates that need a photo. */
export const PHOTO_TEMPLATES: readonly CardTemplate[] = ['foto-keterangan'];
