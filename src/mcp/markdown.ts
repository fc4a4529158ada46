/** The short Markdown every tool result carries next to its structured content. */

export interface WarningRow {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly object?: string;
}

export interface FileRow {
  readonly path: string;
  readonly description?: string;
}

export interface Section {
  readonly title: string;
  readonly lines: readonly string[];
  /** Lines beyond this are counted, not shown: the structured content has them all. */
  readonly limit?: number;
}

export interface Report {
  readonly summary: string;
  readonly sections?: readonly Section[];
  readonly warnings?: readonly WarningRow[];
  readonly files?: readonly FileRow[];
  /** Raw Markdown appended last (a Mermaid diagram, a code block). */
  readonly tail?: string;
}

const DEFAULT_LIMIT = 40;

export function renderReport(report: Report): string {
  const parts = [report.summary];
  for (const section of report.sections ?? []) if (section.lines.length > 0) parts.push(renderSection(section));
  if (report.warnings && report.warnings.length > 0) {
    parts.push(`### Warnings\n\n${table(['Severity', 'Code', 'Object', 'Message'], report.warnings.map((w) => [w.severity, `\`${w.code}\``, w.object ?? '', w.message]))}`);
  }
  if (report.files && report.files.length > 0) {
    parts.push(`### Files\n\n${report.files.map((f) => `- \`${f.path}\`${f.description ? `: ${f.description}` : ''}`).join('\n')}`);
  }
  if (report.tail) parts.push(report.tail);
  return `${parts.join('\n\n')}\n`;
}

function renderSection(section: Section): string {
  const limit = section.limit ?? DEFAULT_LIMIT;
  const shown = section.lines.slice(0, limit).map((line) => `- ${line}`);
  const rest = section.lines.length - shown.length;
  if (rest > 0) shown.push(`- … and ${rest} more (see the structured result)`);
  return `### ${section.title}\n\n${shown.join('\n')}`;
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Table cells are one line and must not close the row early. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}
