import type { Kysely, Transaction } from 'kysely';
import type { TenantDB } from '../../platform/db/types.js';
import type { ModelTables } from '../model/tables.js';

/** Table types of the approval workflow (tenant databases, migration 0017_workflow). */
export type UnitState = 'draft' | 'submitted' | 'approved';
export type WorkflowAction = 'submit' | 'approve' | 'return' | 'reopen';

export interface WorkflowTable {
  /** The portal (catalogue object) the planning process belongs to. */
  portal_id: string;
  cube_id: string;
  /** Code of the dimension whose elements are the units (e.g. `Department`). */
  dimension: string;
  /** JSON `{ dimension code: element codes[] }`: the slice the workflow covers (each element with its descendants). */
  slice: string;
  updated_at: string;
}

export interface WorkflowUnitTable {
  portal_id: string;
  element: string;
  approver_group_id: string | null;
  state: UnitState;
  /** The comment of the last transition (a return's reason). */
  comment: string;
  changed_by: string | null;
  changed_at: string;
  /** Who submitted last (told of approval / return / reopening). */
  submitted_by: string | null;
}

export interface WorkflowEventTable {
  id: string;
  portal_id: string;
  element: string;
  action: WorkflowAction;
  from_state: UnitState;
  to_state: UnitState;
  comment: string;
  user_id: string | null;
  at: string;
}

export interface WorkflowTables extends ModelTables {
  workflows: WorkflowTable;
  workflow_units: WorkflowUnitTable;
  workflow_events: WorkflowEventTable;
}

export type WorkflowDb = Kysely<WorkflowTables> | Transaction<WorkflowTables>;

/** Narrows a tenant database (or transaction) to the workflow tables. */
export function workflowDb(db: Kysely<TenantDB> | Transaction<TenantDB>): WorkflowDb {
  return db;
}
