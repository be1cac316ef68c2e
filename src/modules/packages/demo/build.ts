import type { FormDefinition, MemberSpec, PortalDefinition } from '../../model/definitions.js';
import { dimensionDefinition } from '../../model/dimension-codec.js';
import { NAME_EN, NAME_JA } from '../../model/dimension-ops.js';
import {
  accountDimension,
  departmentDimension,
  periodDimension,
  scenarioDimension,
  versionDimension,
} from '../../model/standard.js';
import { SENSE_ATTRIBUTE } from '../../model/variance-sense.js';
import { objectFileName, writePackage, type PackageContent } from '../format.js';
import { FORMAT, FORMAT_VERSION, type Manifest, type ObjectFile } from '../manifest.js';
import { demoCells } from './figures.js';

/**
 * The shipped demo package "FY2027 予算編成デモ": a Japanese P&L budget (built from source,
 * deterministic: the same Yosan version always gives the same bytes).
 */
export const DEMO_CODE = 'yosan-demo';
export const DEMO_VERSION = '1.0.0';
export const DEMO_CUBE = 'PL';
export const DEMO_FORM = 'BUDGET_INPUT';
export const DEMO_REPORT = 'PL_VARIANCE';
export const DEMO_PORTAL = 'FY2027_BUDGET';
const CREATED_AT = '2026-11-01T00:00:00.000Z';
const CATEGORY = 'デモ';

/** The standard Account dimension with 販管費 broken down into five accounts. */
function account() {
  const dim = accountDimension();
  const details: [string, string, string][] = [
    ['PERSONNEL', '人件費', 'Personnel expenses'],
    ['ADVERTISING', '広告宣伝費', 'Advertising'],
    ['RENT', '地代家賃', 'Rent'],
    ['DEPRECIATION', '減価償却費', 'Depreciation'],
    ['OTHER_SGA', 'その他販管費', 'Other SG&A'],
  ];
  for (const [code, ja, en] of details) {
    dim.addElement(code, { [NAME_JA]: ja, [NAME_EN]: en, [SENSE_ATTRIBUTE]: 'down' });
    dim.addLink('SGA', code, 1);
  }
  return dim;
}

/** FY2027 (April – March): the full year 通期 over halves, quarters and months. */
function period() {
  const dim = periodDimension(2027, 4);
  dim.setAttribute('FY2027', NAME_JA, '2027年度 通期');
  dim.setAttribute('FY2027', NAME_EN, 'FY2027 full year');
  return dim;
}

const obj = (
  kind: ObjectFile['kind'],
  code: string,
  ja: string,
  en: string,
  description: string,
  definition: unknown,
): ObjectFile => ({ kind, code, name: { ja, en }, category: CATEGORY, description, definition });

const self = (element: string): MemberSpec => ({ element, select: 'self' });
const FORMAT_K = { scale: 1000 as const, decimals: 0, currency: 'JPY' as const };

export function demoContent(producerVersion: string): PackageContent {
  const dims = [
    obj(
      'dimension',
      'Account',
      '勘定科目',
      'Account',
      '損益計算書の科目（売上高〜営業利益）',
      dimensionDefinition(account()),
    ),
    obj(
      'dimension',
      'Department',
      '部門',
      'Department',
      '全社と三つの部門',
      dimensionDefinition(departmentDimension()),
    ),
    obj('dimension', 'Period', '期間', 'Period', '2027年度（4月〜3月）', dimensionDefinition(period())),
    obj(
      'dimension',
      'Scenario',
      'シナリオ',
      'Scenario',
      '予算・見込・実績と差異',
      dimensionDefinition(scenarioDimension()),
    ),
    obj(
      'dimension',
      'Version',
      'バージョン',
      'Version',
      '作業版と確定版',
      dimensionDefinition(versionDimension()),
    ),
  ];
  const cube = obj('cube', DEMO_CUBE, '損益予算', 'P&L budget', '部門別・月別の損益（予算・見込・実績）', {
    dimensions: ['Account', 'Department', 'Period', 'Scenario', 'Version'],
    cells: demoCells(),
  });
  const input: FormDefinition = {
    cube: DEMO_CUBE,
    type: 'input',
    rows: {
      dimension: 'Account',
      members: [{ element: 'OPERATING_PROFIT', select: 'descendants' }, self('OPERATING_PROFIT')],
    },
    columns: { dimension: 'Period', members: [{ element: 'FY2027', select: 'leaves' }, self('FY2027')] },
    fixed: [
      {
        dimension: 'Department',
        element: 'SALES',
        userSelectable: true,
        choices: [self('SALES'), self('MANUFACTURING'), self('ADMINISTRATION')],
      },
      { dimension: 'Scenario', element: 'BUDGET', userSelectable: false },
      { dimension: 'Version', element: 'WORKING', userSelectable: false },
    ],
    input: 'leaves',
    readOnly: [],
    format: FORMAT_K,
  };
  const report: FormDefinition = {
    cube: DEMO_CUBE,
    type: 'report',
    rows: {
      dimension: 'Account',
      members: [{ element: 'OPERATING_PROFIT', select: 'descendants' }, self('OPERATING_PROFIT')],
    },
    columns: {
      dimension: 'Scenario',
      members: [self('BUDGET'), self('FORECAST'), self('ACTUAL'), self('VARIANCE')],
      computed: [
        {
          code: 'VARIANCE_PCT',
          name: { ja: '差異率（実績÷予算）', en: 'Variance % (actual vs budget)' },
          kind: 'ratio',
          of: 'ACTUAL',
          base: 'BUDGET',
        },
        {
          code: 'FORECAST_VARIANCE',
          name: { ja: '見込差異（見込−予算）', en: 'Forecast variance (forecast − budget)' },
          kind: 'difference',
          of: 'FORECAST',
          base: 'BUDGET',
        },
        {
          code: 'FORECAST_VARIANCE_PCT',
          name: { ja: '見込差異率（見込÷予算）', en: 'Forecast variance % (forecast vs budget)' },
          kind: 'ratio',
          of: 'FORECAST',
          base: 'BUDGET',
        },
      ],
    },
    fixed: [
      {
        dimension: 'Department',
        element: 'ALL_DEPARTMENTS',
        userSelectable: true,
        choices: [self('ALL_DEPARTMENTS'), { element: 'ALL_DEPARTMENTS', select: 'children' }],
      },
      {
        dimension: 'Period',
        element: 'FY2027-H1',
        userSelectable: true,
        choices: ['FY2027', 'FY2027-H1', 'FY2027-H2', 'FY2027-Q1', 'FY2027-Q2', 'FY2027-Q3', 'FY2027-Q4'].map(
          self,
        ),
      },
      { dimension: 'Version', element: 'WORKING', userSelectable: false },
    ],
    input: 'none',
    readOnly: [],
    format: FORMAT_K,
  };
  const portal: PortalDefinition = {
    tiles: [
      {
        form: DEMO_FORM,
        note: { ja: '部門ごとに月別の予算を入力します。', en: 'Enter the monthly budget per department.' },
      },
      {
        form: DEMO_REPORT,
        note: {
          ja: '予算・見込・実績を並べ、差異と差異率、グラフで比べます。',
          en: 'Budget, forecast and actuals side by side, with variance, variance % and a chart.',
        },
      },
    ],
    announcements: [
      {
        id: 'fy2027-kickoff',
        at: '2026-11-01T00:00:00.000Z',
        title: { ja: 'FY2027 予算編成を開始しました', en: 'FY2027 budgeting has started' },
        body: {
          ja: '各部門は 1 月末までに部門別予算を入力してください。',
          en: 'Each department enters its budget by the end of January.',
        },
      },
    ],
  };
  const objects = [
    ...dims,
    cube,
    obj('form', DEMO_FORM, '部門別予算入力', 'Budget input by department', '部門ごとの月別予算', input),
    obj(
      'form',
      DEMO_REPORT,
      '予実対比',
      'Budget vs actual',
      '予算・見込・実績と差異・差異率（期間と部門を選択）',
      report,
    ),
    obj('portal', DEMO_PORTAL, 'FY2027 予算編成', 'FY2027 budgeting', '2027年度の予算編成の入口', portal),
  ];
  const manifest: Manifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    code: DEMO_CODE,
    version: DEMO_VERSION,
    name: { ja: 'FY2027 予算編成デモ', en: 'FY2027 budgeting demo' },
    description: '部門別の損益予算（予算・見込・実績）と入力フォーム・予実対比・ポータル',
    createdAt: CREATED_AT,
    producer: { name: 'yosan', version: producerVersion },
    withFigures: true,
    objects: objects.map((o, i) => ({
      kind: o.kind,
      code: o.code,
      name: o.name,
      category: o.category,
      description: o.description,
      file: objectFileName(i),
    })),
  };
  return { manifest, objects };
}

/** The demo package file. */
export const demoPackage = (producerVersion: string): Promise<Buffer> =>
  writePackage(demoContent(producerVersion));
