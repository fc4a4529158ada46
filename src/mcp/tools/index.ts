/**
 * Every tool the server offers: one file each, one line here. A tool is listed only once its op
 * exists in src/ops/ (no stubs): generate-migration, zero-downtime-plan, rollback and
 * validate-migration join as their ops land.
 */
import type { ToolDefinition } from '../tool.js';
import { dataMigrationTool } from './data-migration.js';
import { detectChangesTool } from './detect-changes.js';
import { lintMigrationTool } from './lint-migration.js';
import { rollbackTool } from './rollback.js';

export const TOOLS: readonly ToolDefinition[] = [detectChangesTool, lintMigrationTool, rollbackTool, dataMigrationTool];
