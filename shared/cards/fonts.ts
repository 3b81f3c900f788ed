/**
 * The bundled font families (files in assets/fonts/, with their licences).
 * Cards are drawn only from these files so they look the same on every PC.
 */
export const CARD_FONTS = ['roboto', 'open-sans', 'lato'] as const;
export type CardFont = (typeof CARD_FONTS)[number];

export const FONT_WEIGHTS = ['regular', 'semibold', 'bold', 'heavy'] as const;
export type FontWeight = (typeof FONT_WEIGHTS)[number];

export interface FontFamilyInfo {
  label: string;
  licence: string;
  /** File per weight, relative to assets/fonts/. */
  files: Record<FontWeight, string>;
}

export const FONT_FAMILIES: Record<CardFont, FontFamilyInfo> = {
  roboto: {
    label: 'Roboto',
    licence: 'Apache License 2.0',
    files: {
      regular: 'roboto/Roboto-Regular.ttf',
      semibold: 'roboto/Roboto-Medium.ttf',
      bold: 'roboto/Roboto-Bold.ttf',
      heavy: 'roboto/Roboto-Black.ttf',
    },
  },
  'open-sans': {
    label: 'Open Sans',
    licence: 'Apache License 2.0',
    files: {
      regular: 'open-sans/OpenSans-Regular.ttf',
      semibold: 'open-sans/OpenSans-Semibold.ttf',
      bold: 'open-sans/OpenSans-Bold.ttf',
      heavy: 'open-sans/OpenSans-ExtraBold.ttf',
    },
  },
  lato: {
    label: 'Lato',
    licence: 'SIL Open Font License 1.1',
    files: {
      regular: 'lato/Lato-Regular.ttf',
      semibold: 'lato/Lato-Semibold.ttf',
      bold: 'lato/Lato-Bold.ttf',
      heavy: 'lato/Lato-Black.ttf',
    },
  },
};
