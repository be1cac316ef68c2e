/**
 * The demo's figures: a mid-sized Japanese manufacturer's FY2027 P&L by department, in yen.
 * Deterministic (no randomness): seasonality and growth are fixed tables.
 */
export const MONTHS = [
  '2027-04',
  '2027-05',
  '2027-06',
  '2027-07',
  '2027-08',
  '2027-09',
  '2027-10',
  '2027-11',
  '2027-12',
  '2028-01',
  '2028-02',
  '2028-03',
] as const;

/** Share of the year per month (sums to 12): slow summer, strong year end (March). */
const SEASON = [0.92, 0.95, 1.0, 0.98, 0.88, 1.05, 0.97, 1.0, 1.08, 0.9, 0.97, 1.3];

/** Annual budget per account leaf and department (yen). */
const ANNUAL: Record<string, Partial<Record<string, number>>> = {
  NET_SALES: { SALES: 1_200_000_000 },
  COST_OF_SALES: { MANUFACTURING: 780_000_000 },
  PERSONNEL: { SALES: 96_000_000, MANUFACTURING: 42_000_000, ADMINISTRATION: 60_000_000 },
  ADVERTISING: { SALES: 36_000_000 },
  RENT: { SALES: 14_400_000, MANUFACTURING: 6_000_000, ADMINISTRATION: 12_000_000 },
  DEPRECIATION: { MANUFACTURING: 18_000_000, ADMINISTRATION: 4_800_000 },
  OTHER_SGA: { SALES: 9_600_000, MANUFACTURING: 3_600_000, ADMINISTRATION: 14_400_000 },
};

/** Fixed costs do not follow the season. */
const FIXED = new Set(['PERSONNEL', 'RENT', 'DEPRECIATION']);
/** Actual ÷ budget for April–September (sales a little behind, costs a little over). */
const ACTUAL_RATIO: Record<string, number[]> = {
  NET_SALES: [0.97, 1.02, 0.99, 0.95, 0.96, 1.01],
  COST_OF_SALES: [0.98, 1.03, 1.0, 0.97, 0.99, 1.02],
  PERSONNEL: [1.0, 1.0, 1.02, 1.0, 1.0, 1.03],
  ADVERTISING: [0.8, 1.2, 1.1, 0.9, 0.7, 1.3],
  RENT: [1, 1, 1, 1, 1, 1],
  DEPRECIATION: [1, 1, 1, 1, 1, 1],
  OTHER_SGA: [1.1, 0.9, 1.05, 0.95, 1.0, 1.08],
};
/** Forecast ÷ budget for October–March (the second half revised down slightly). */
const FORECAST_RATIO: Record<string, number> = {
  NET_SALES: 0.97,
  COST_OF_SALES: 0.975,
  PERSONNEL: 1.01,
  ADVERTISING: 0.9,
  RENT: 1,
  DEPRECIATION: 1,
  OTHER_SGA: 1,
};

const round = (v: number) => Math.round(v / 1000) * 1000;

export interface DemoCell {
  coords: [account: string, department: string, period: string, scenario: string, version: string];
  value: number;
}

/** Budget for every month, actuals for April–September, forecast = actuals then revised budget. */
export function demoCells(): DemoCell[] {
  const cells: DemoCell[] = [];
  for (const [account, byDept] of Object.entries(ANNUAL)) {
    for (const [dept, annual = 0] of Object.entries(byDept)) {
      MONTHS.forEach((month, m) => {
        const budget = round((annual / 12) * (FIXED.has(account) ? 1 : (SEASON[m] ?? 1)));
        cells.push({ coords: [account, dept, month, 'BUDGET', 'WORKING'], value: budget });
        if (m < 6) {
          const actual = round(budget * (ACTUAL_RATIO[account]?.[m] ?? 1));
          cells.push({ coords: [account, dept, month, 'ACTUAL', 'WORKING'], value: actual });
          cells.push({ coords: [account, dept, month, 'FORECAST', 'WORKING'], value: actual });
        } else {
          const forecast = round(budget * (FORECAST_RATIO[account] ?? 1));
          cells.push({ coords: [account, dept, month, 'FORECAST', 'WORKING'], value: forecast });
        }
      });
    }
  }
  return cells;
}
