/**
 * Every tool the server offers: one file each, one line here. A tool is listed only once its op
 * exists in src/ops/ (no stubs).
 */
import type { ToolDefinition } from '../tool.js';
import { detectChangesTool } from './detect-changes.js';
import { generateMigrationTool } from './generate-migration.js';
import { lintMigrationTool } from './lint-migration.js';
import { rollbackTool } from './rollback.js';
import { validateMigrationTool } from './validate-migration.js';
import { zeroDowntimePlanTool } from './zero-downtime-plan.js';

export const TOOLS: readonly ToolDefinition[] = [
  detectChangesTool,
  generateMigrationTool,
  lintMigrationTool,
  rollbackTool,
  validateMigrationTool,
  zeroDowntimePlanTool,
];
