import i18next from 'eslint-plugin-i18next';

/**
 * No hard-coded user-visible text in the UI (issue 20): every string a
 * person reads comes from renderer/i18n/sections/<feature>.ts, in Indonesian
 * and English.
 *
 * Flags only real literal text, so new screens land without noise:
 *   - text between JSX tags (eslint-plugin-i18next, mode jsx-text-only);
 *   - a literal in an attribute people read or hear: aria-label, title,
 *     placeholder, alt, label, aria-description…;
 *   - a literal message passed to toast(), alert(), confirm() or prompt().
 * Not flagged: class names, keys, ids, values, t('keys'), and text with no
 * letters (symbols such as ✓, ×, “ ”, →) or a single letter used as a glyph.
 *
 * Applied by glob in eslint.config.js, so a new folder under renderer/ is
 * covered without touching this file. To check one folder by itself:
 *   npx eslint renderer/features/<folder>
 */
const SPOKEN_ATTRS = 'aria-label|aria-description|aria-roledescription|aria-placeholder|aria-valuetext|title|placeholder|alt|label';
const ATTR = `JSXAttribute[name.name=/^(${SPOKEN_ATTRS})$/]`;
// Letters, and not a bare URL scheme hint such as "https://".
const TEXT = 'Literal[value=/^(?!https?:\\/\\/$)[\\s\\S]*\\p{L}[\\s\\S]*\\p{L}/u]';
// A template literal is reported once, however many of its parts hold words.
const TEMPLATE_TEXT = 'TemplateLiteral:has(> TemplateElement[value.raw=/\\p{L}\\p{L}/u])';
const MESSAGE_CALL = 'CallExpression[callee.name=/^(toast|alert|confirm|prompt)$/], CallExpression[callee.property.name=/^(alert|confirm|prompt)$/]';

const message = 'User-visible text must come from the UI catalogue (renderer/i18n/sections/<feature>.ts): use t(\'…\').';

export const i18nLiteralSelectors = [
  `${ATTR} > ${TEXT}`,
  `${ATTR} > JSXExpressionContainer > ${TEXT}`,
  `${ATTR} > JSXExpressionContainer > ConditionalExpression > ${TEXT}`,
  `${ATTR} > JSXExpressionContainer > LogicalExpression > ${TEXT}`,
  `${ATTR} > JSXExpressionContainer > ${TEMPLATE_TEXT}`,
  // The message is the first argument (toast's second is its kind: 'error').
  `:matches(${MESSAGE_CALL}) > ${TEXT}:first-child`,
  `:matches(${MESSAGE_CALL}) > ${TEMPLATE_TEXT}:first-child`,
];

/** Flat-config blocks that check the given files (globs) for hard-coded UI text. */
export function i18nLiterals(files) {
  return [
    {
      files,
      plugins: { i18next },
      rules: {
        'i18next/no-literal-string': ['error', { mode: 'jsx-text-only', message, words: { exclude: [/^[^\p{L}]*$/u, /^\p{L}$/u] } }],
        'no-restricted-syntax': ['error', ...i18nLiteralSelectors.map((selector) => ({ selector, message }))],
      },
    },
  ];
}
