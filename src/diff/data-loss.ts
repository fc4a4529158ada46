/** Whether applying a change can destroy data that exists today. */
import type { Change } from '../core/change.js';
import { isLosslessConversion } from '../dialects/postgres/types.js';

export function losesData(change: Change): boolean {
  switch (change.kind) {
    case 'drop_table':
    case 'drop_column':
    case 'drop_schema':
    case 'drop_sequence':
    case 'drop_extension':
    case 'drop_view':
      return change.kind !== 'drop_view' || change.from.materialized;
    case 'recreate_enum':
      return change.removed.length > 0;
    case 'alter_column':
      return change.aspects.includes('type') && !isLosslessConversion(change.from.type, change.to.type);
    case 'alter_composite_type':
      return change.from.attributes.some((a) => !change.to.attributes.some((b) => b.name === a.name && b.type === a.type));
    default:
      return false;
  }
}
