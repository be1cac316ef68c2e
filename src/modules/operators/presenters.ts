import type { OperatorTable } from '../../platform/db/types.js';
import type { OperatorView } from './schemas.js';

export function presentOperator(op: OperatorTable): OperatorView {
  return { id: op.id, email: op.email, displayName: op.display_name, locale: op.locale };
}
