/**
 * Every tool the server offers: one file each, one line here. A tool is listed only once its op
 * exists in src/ops/ (no stubs): generate-migration, rollback and validate-migration
 * join as their ops land.
 */
import type { ToolDefinition } from '../tool.js';
import { detectChangesTool } from './detect-changes.js';
import { lintMigrationTool } from './lint-migration.js';
import { zeroDowntimePlanTool } from './zero-downtime-plan.js';

export const TOOLS: readonly ToolDefinition[] = [detectChangesTool, lintMigrationTool, zeroDowntimePlanTool];
