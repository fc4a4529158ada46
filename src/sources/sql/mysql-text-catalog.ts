import type { MysqlCatalog } from '../../dialects/mysql/assemble.js';
import type { LocatedMysqlStatement } from './load-mysql-sql.js';
export function catalogFromText(_s: readonly LocatedMysqlStatement[]): MysqlCatalog {
  throw new Error('todo');
}
