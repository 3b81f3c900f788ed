import type { Card, CardContent } from '@shared/cards/card';
import { templateBrand } from '@shared/cards/compose';
import { effectiveFocal } from '@shared/media/photo';
import type { HandlerContext } from '@core/deps';
import { mediaResolver, type RenderInput } from './render';

/** The brand, logos and photo files a card is drawn with, read from the store (one place for the editor, exports and the outbox). */
export function brandOf(ctx: HandlerContext) {
  const ws = ctx.store.workspace;
  const aspect = (id: string | null) => {
    const m = id ? ctx.store.collections.media.get(id) : undefined;
    return m && m.width > 0 && m.height > 0 ? m.width / m.height : undefined;
  };
  return {
    ...templateBrand({
      brand: ws.brand,
      opdName: ws.opd.fullName || ws.opd.shortName,
      opdShortName: ws.opd.shortName,
      website: ws.opd.website,
      opdLogo: ws.opd.logoMediaId !== null,
    }),
    logoAspect: { opd: aspect(ws.opd.logoMediaId), pemda: aspect(ws.brand.pemdaLogoMediaId) },
  };
}

export function resolverOf(ctx: HandlerContext) {
  return mediaResolver(ctx.dataDir, async (id) => {
    const m = ctx.store.collections.media.get(id);
    // The crop keeps the point every other crop of the photo keeps: the user's focal point, else the automatic one.
    return m && !m.deletedAt ? { sha256: m.sha256, ext: m.ext, focal: effectiveFocal(m), name: m.originalName } : null;
  });
}

export function renderInput(ctx: HandlerContext, content: CardContent, index: number, sizeId: Card['sizes'][number]): RenderInput {
  const ws = ctx.store.workspace;
  return {
    card: content,
    index,
    sizeId,
    brand: brandOf(ctx),
    opdLogoId: ws.opd.logoMediaId,
    pemdaLogoId: ws.brand.pemdaLogoMediaId,
    resolveImage: resolverOf(ctx),
  };
}
