import { atHandle, type BrandKit } from './brand';
import { cardSize, type CardContent, type CardSizeId } from './card';
import type { Measurer } from './fit';
import type { LayoutSpec } from './layout';
import { TEMPLATES, type TemplateBrand } from './templates';

export interface BrandInput {
  brand: BrandKit;
  opdName: string;
  /** The profile's short name, used when the brand kit has no singkatan of its own. */
  opdShortName?: string;
  website: string;
  opdLogo: boolean;
}

const HANDLE_LABELS: Record<keyof BrandKit['handles'], string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  x: 'X',
  tiktok: 'TikTok',
  youtube: 'YouTube',
};

export function templateBrand(b: BrandInput): TemplateBrand {
  const website = b.website.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  const handles = (Object.keys(HANDLE_LABELS) as (keyof BrandKit['handles'])[])
    .map((k) => ({ channel: HANDLE_LABELS[k], handle: k === 'facebook' || k === 'youtube' ? b.brand.handles[k].trim() : atHandle(b.brand.handles[k]) }))
    .filter((h) => h.handle);
  const ig = handles.find((h) => h.channel === 'Instagram');
  return {
    footer: b.brand.footer.trim() || [website, ig?.handle].filter(Boolean).join('  ·  '),
    handles,
    website,
    opdName: b.opdName.trim(),
    opdShortName: (b.brand.shortName || b.opdShortName || '').trim(),
    hasOpdLogo: b.opdLogo,
    hasPemdaLogo: b.brand.pemdaLogoMediaId !== null,
  };
}

/** The layout description of one slide at one size. */
export function layoutSlide(card: Pick<CardContent, 'slides' | 'colors'>, index: number, sizeId: CardSizeId, brand: TemplateBrand, m: Measurer): LayoutSpec {
  const size = cardSize(sizeId);
  const slide = card.slides[index];
  const t = TEMPLATES[slide.template];
  const r = t({ slide, index, count: card.slides.length, width: size.width, height: size.height, colors: card.colors, brand, m });
  return { width: size.width, height: size.height, background: r.background, elements: r.elements };
}
