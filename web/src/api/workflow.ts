import type { LocalName } from './model.js';

/** Shapes of the workflow API (`/t/:slug/api/workflow/portals/:id`). */
export type UnitState = 'draft' | 'submitted' | 'approved';
export type WorkflowAction = 'submit' | 'approve' | 'return' | 'reopen';

export interface UnitView {
  element: string;
  name: LocalName;
  state: UnitState;
  approverGroup: { id: string; name: string } | null;
  comment: string;
  changedBy: string | null;
  changedAt: string;
  actions: WorkflowAction[];
}

export interface WorkflowView {
  portalId: string;
  portal: { code: string; name: LocalName };
  cube: { id: string; code: string; name: LocalName };
  dimension: string;
  slice: Record<string, string[]>;
  units: UnitView[];
}

export interface WorkflowEvent {
  element: string;
  action: WorkflowAction;
  from: UnitState;
  to: UnitState;
  comment: string;
  by: string | null;
  at: string;
}
