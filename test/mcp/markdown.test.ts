import { describe, expect, it } from 'vitest';
import { renderReport, table } from '../../src/mcp/markdown.js';

describe('renderReport', () => {
  it('puts the summary first, then sections, a warnings table and files', () => {
    const text = renderReport({
      summary: '**2 steps**',
      sections: [{ title: 'Steps', lines: ['add column a', 'add index b'] }, { title: 'Empty', lines: [] }],
      warnings: [{ code: 'INDEX_BUILD', severity: 'info', message: 'builds | an index\nslowly', object: 'public.b' }],
      files: [{ path: 'migrations/001.up.sql', description: 'forward' }],
    });
    expect(text).toBe(
      [
        '**2 steps**',
        '',
        '### Steps\n\n- add column a\n- add index b',
        '',
        '### Warnings\n\n| Severity | Code | Object | Message |\n| --- | --- | --- | --- |\n| info | `INDEX_BUILD` | public.b | builds \\| an index slowly |',
        '',
        '### Files\n\n- `migrations/001.up.sql`: forward',
        '',
      ].join('\n'),
    );
  });

  it('counts what it does not show', () => {
    const text = renderReport({ summary: 's', sections: [{ title: 'Many', lines: ['a', 'b', 'c'], limit: 2 }] });
    expect(text).toContain('- b\n- … and 1 more (see the structured result)');
  });

  it('builds a table row per item', () => {
    expect(table(['A'], [['1'], ['2']])).toBe('| A |\n| --- |\n| 1 |\n| 2 |');
  });
});
