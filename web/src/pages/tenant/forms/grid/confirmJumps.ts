import type { OpenForm } from '../../../../api/model.js';
import type { Language, Translate } from '../../../../i18n/index.js';
import { bigJumps } from '../../../../lib/bigJumps.js';
import { amountFormatter } from '../../../../lib/formNumbers.js';

const LIST = 6;

/**
 * Before a save: a plain confirm naming the figures 1,000× or more their cell's previous figure
 * or their row's largest (issue 18). `true` when there are none or the user goes on.
 */
export function confirmJumps(
  form: OpenForm,
  edits: ReadonlyMap<string, number>,
  t: Translate,
  lang: Language,
): boolean {
  const jumps = bigJumps(form, edits);
  if (jumps.length === 0) return true;
  const fmt = amountFormatter(form.format, lang);
  const name = (list: OpenForm['rows'], code: string) =>
    list.find((m) => m.code === code)?.name[lang] ?? code;
  const cells = jumps
    .slice(0, LIST)
    .map((j) =>
      t('ime.jumpCell', {
        row: name(form.rows, j.row),
        column: name(form.columns, j.column),
        before: fmt(j.before),
        after: fmt(j.after),
      }),
    )
    .join('\n');
  return window.confirm(t('ime.jumps', { cells: jumps.length > LIST ? `${cells}\n…` : cells }));
}
