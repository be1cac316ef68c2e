/** English strings for number formats (issue 18 point 2): form editor fields and the tenant default; spread into `en.ts`. */
export const enNumfmt = {
  numfmt: {
    source: 'Number format',
    sourceOwn: 'This form’s own format',
    sourceTenant: 'The organisation’s default',
    sourceHint: 'With the default, the form follows the organisation’s default number format.',
    rounding: 'Rounding',
    roundings: {
      down: 'Round down (切り捨て)',
      round: 'Round half up (四捨五入)',
      up: 'Round up (切り上げ)',
    },
    negative: 'Negative figures',
    negatives: {
      minus: '-1,234 (minus)',
      triangle: '▲1,234 (black triangle)',
      whiteTriangle: '△1,234 (white triangle)',
      parentheses: '(1,234) (parentheses)',
    },
    example: '{label} · e.g. −1,234,567 yen → {example}',
    defaultLink: 'Default number format',
    title: 'Default number format',
    lead: 'How figures are shown in forms and reports without a number format of their own: unit, decimals, rounding and negatives. Stored figures stay exact in yen.',
    builtIn: 'Not set yet: the built-in default applies (thousands of yen, rounded half up, minus).',
    save: 'Save default',
    saved: 'The default number format is saved.',
  },
};
