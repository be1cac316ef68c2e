import { Dimension } from '../../engine/index.js';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/crypto/tokens.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { codeGuard, insertObject } from './catalogue.js';
import { NAME_EN, NAME_JA } from './dimension-ops.js';
import { translated } from './errors.js';
import { cubeStore } from './store.js';
import { SENSE_ATTRIBUTE } from './variance-sense.js';

/**
 * The standard dimensions of a new model (issue 6): Account (a small Japanese P&L), Department,
 * Period (one fiscal year with a configurable first month), Scenario (Budget, Forecast, Actual,
 * Variance = Actual − Budget) and Version. Pure builders plus one all-or-nothing action.
 */
type El = [code: string, ja: string, en: string];

function dim(code: string, elements: readonly El[], links: readonly [string, string, number][]): Dimension {
  const d = new Dimension(code);
  for (const [c, ja, en] of elements) d.addElement(c, { [NAME_JA]: ja, [NAME_EN]: en });
  for (const [parent, child, weight] of links) d.addLink(parent, child, weight);
  return d;
}

/**
 * 営業利益 = 売上総利益 − 販売費及び一般管理費; 売上総利益 = 売上高 − 売上原価. The costs are
 * favourable when down (attribute `sense`), so an underspend shows as a favourable variance.
 */
export function accountDimension(): Dimension {
  const d = dim(
    'Account',
    [
      ['OPERATING_PROFIT', '営業利益', 'Operating profit'],
      ['GROSS_PROFIT', '売上総利益', 'Gross profit'],
      ['NET_SALES', '売上高', 'Net sales'],
      ['COST_OF_SALES', '売上原価', 'Cost of sales'],
      ['SGA', '販売費及び一般管理費', 'Selling, general and administrative expenses'],
    ],
    [
      ['OPERATING_PROFIT', 'GROSS_PROFIT', 1],
      ['GROSS_PROFIT', 'NET_SALES', 1],
      ['GROSS_PROFIT', 'COST_OF_SALES', -1],
      ['OPERATING_PROFIT', 'SGA', -1],
    ],
  );
  for (const cost of ['COST_OF_SALES', 'SGA']) d.setAttribute(cost, SENSE_ATTRIBUTE, 'down');
  return d;
}

export function departmentDimension(): Dimension {
  return dim(
    'Department',
    [
      ['ALL_DEPARTMENTS', '全社', 'All departments'],
      ['SALES', '営業部', 'Sales'],
      ['MANUFACTURING', '製造部', 'Manufacturing'],
      ['ADMINISTRATION', '管理部', 'Administration'],
    ],
    [
      ['ALL_DEPARTMENTS', 'SALES', 1],
      ['ALL_DEPARTMENTS', 'MANUFACTURING', 1],
      ['ALL_DEPARTMENTS', 'ADMINISTRATION', 1],
    ],
  );
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * One fiscal year: year → two halves → four quarters → twelve months. The fiscal year is named
 * by the calendar year it starts in (2027年度 = April 2027 – March 2028 when it starts in April).
 * Month codes are `YYYY-MM`.
 */
export function periodDimension(fiscalYear: number, firstMonth = 4): Dimension {
  const fy = `FY${fiscalYear}`;
  const elements: El[] = [[fy, `${fiscalYear}年度`, `FY${fiscalYear}`]];
  const links: [string, string, number][] = [];
  for (let h = 1; h <= 2; h++) {
    elements.push([`${fy}-H${h}`, `${fiscalYear}年度 ${h === 1 ? '上期' : '下期'}`, `FY${fiscalYear} H${h}`]);
    links.push([fy, `${fy}-H${h}`, 1]);
  }
  for (let q = 1; q <= 4; q++) {
    elements.push([`${fy}-Q${q}`, `${fiscalYear}年度 第${q}四半期`, `FY${fiscalYear} Q${q}`]);
    links.push([`${fy}-H${q <= 2 ? 1 : 2}`, `${fy}-Q${q}`, 1]);
  }
  for (let i = 0; i < 12; i++) {
    const m0 = (firstMonth - 1 + i) % 12;
    const year = fiscalYear + Math.floor((firstMonth - 1 + i) / 12);
    const code = `${year}-${String(m0 + 1).padStart(2, '0')}`;
    elements.push([code, `${year}年${m0 + 1}月`, `${MONTHS_EN[m0] ?? ''} ${year}`]);
    links.push([`${fy}-Q${Math.floor(i / 3) + 1}`, code, 1]);
  }
  return dim('Period', elements, links);
}

/** Variance = Actual − Budget (Actual and Budget stay top-level elements too: alternate parents). */
export function scenarioDimension(): Dimension {
  return dim(
    'Scenario',
    [
      ['BUDGET', '予算', 'Budget'],
      ['FORECAST', '見込', 'Forecast'],
      ['ACTUAL', '実績', 'Actual'],
      ['VARIANCE', '差異（実績−予算）', 'Variance (actual − budget)'],
    ],
    [
      ['VARIANCE', 'ACTUAL', 1],
      ['VARIANCE', 'BUDGET', -1],
    ],
  );
}

export function versionDimension(): Dimension {
  return dim(
    'Version',
    [
      ['WORKING', '作業版', 'Working'],
      ['FINAL', '確定版', 'Final'],
    ],
    [],
  );
}

export interface StandardOptions {
  fiscalYear: number;
  firstMonth?: number | undefined;
}

const CATALOGUE = {
  Account: ['勘定科目', 'Account'],
  Department: ['部門', 'Department'],
  Period: ['期間', 'Period'],
  Scenario: ['シナリオ', 'Scenario'],
  Version: ['バージョン', 'Version'],
} as const;

/** Creates the five standard dimensions in one transaction; a code already in use stops all of them. */
export async function createStandardDimensions(
  deps: AppDeps,
  ctx: TenantContext,
  options: StandardOptions,
  actor: Actor,
): Promise<string[]> {
  const firstMonth = options.firstMonth ?? 4;
  const dims = [
    accountDimension(),
    departmentDimension(),
    periodDimension(options.fiscalYear, firstMonth),
    scenarioDimension(),
    versionDimension(),
  ].map((dimension) => ({ id: newId(), dimension }));
  await codeGuard('', () =>
    translated(() =>
      cubeStore.saveDimensions(ctx.db, dims, async (trx) => {
        for (const { id, dimension } of dims) {
          const [nameJa, nameEn] = CATALOGUE[dimension.name as keyof typeof CATALOGUE];
          await insertObject(
            { db: trx },
            deps,
            { kind: 'dimension', id, code: dimension.name, nameJa, nameEn, category: '標準' },
            actor,
          );
        }
        await appendAudit(
          { db: trx },
          actor,
          {
            kind: 'operation',
            action: 'model.standard_dimensions.create',
            summary: { fiscalYear: options.fiscalYear, firstMonth, dimensionIds: dims.map((d) => d.id) },
          },
          deps.clock,
        );
      }),
    ),
  );
  return dims.map((d) => d.id);
}
