import { strings } from '../ast.js';
import type { Rule } from '../types.js';

export const banDropSchema: Rule = {
  id: 'ban-drop-schema',
  hazard: 'DATA_LOSS',
  severity: 'error',
  summary: 'Dropping a schema destroys every object in it (with CASCADE) or fails (without).',
  doc: {
    problem:
      'DROP SCHEMA ... CASCADE deletes every table, view and function in the schema with their data; without ' +
      'CASCADE it fails as soon as the schema holds anything, which usually means on production only.',
    badExample: 'DROP SCHEMA reporting CASCADE;',
    goodExample:
      '-- drop the objects one by one, each reviewed, then drop the empty schema on purpose:\n' +
      '-- migration-generator-disable ban-drop-schema\nDROP SCHEMA reporting;',
    lock: 'ACCESS EXCLUSIVE',
    rewrites: false,
    scans: false,
  },
  check(statement) {
    const node = statement.node;
    if (!('DropStmt' in node) || node.DropStmt.removeType !== 'OBJECT_SCHEMA') return [];
    const names = (node.DropStmt.objects ?? []).flatMap((object) => strings([object]));
    const cascade = node.DropStmt.behavior === 'DROP_CASCADE';
    return [
      {
        message: cascade
          ? `Dropping schema ${names.join(', ')} with CASCADE deletes every object in it and their data.`
          : `Dropping schema ${names.join(', ')} deletes it, and fails if anything is still in it.`,
        ...(cascade ? { suggestion: 'Drop the contained objects explicitly so each loss is reviewed, then drop the empty schema.' } : { severity: 'warning' as const }),
      },
    ];
  },
};
