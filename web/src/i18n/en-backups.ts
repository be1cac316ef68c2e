/** English strings for backups (issue 8), spread into `en.ts`. */
export const enBackups = {
  backups: {
    nav: 'Backups',
    title: 'Backups',
    lead: 'Replica (at most 5 minutes old), 7 daily and 3 weekly generations at a second location, and the last restore drill.',
    adminLead:
      'The backups of your organisation: when each kind was last taken, and when the operator last proved that they restore.',
    colKind: 'Kind',
    colLocation: 'Location',
    colGenerations: 'Kept',
    colLast: 'Newest',
    colFailure: 'Last failure',
    kind: { replica: 'Replica', daily: 'Daily', weekly: 'Weekly' },
    location: { primary: 'First location', secondary: 'Second location' },
    replicaAge: 'Replica age: {seconds} s',
    replicaWal: 'Replica: kept by PostgreSQL WAL archiving',
    drill: 'Last restore drill',
    drillNone: 'No restore drill yet.',
    drillOk: 'Passed',
    drillFailed: 'Failed',
    none: '—',
    runNow: 'Run backup now',
    drillNow: 'Run restore drill',
    queued: 'Started in the background. Refresh in a moment.',
    refresh: 'Refresh',
    control: 'Control database',
  },
};
