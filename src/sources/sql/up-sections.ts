/**
 * Migration files that hold both directions (goose: `-- +goose Up` / `-- +goose Down`; dbmate:
 * `-- migrate:up` / `-- migrate:down`) contribute only their up sections to a schema. The rest is
 * blanked, not cut, so line and column numbers in errors still point into the real file.
 */
const MARKERS = [
  { up: /^--\s*\+goose\s+Up\b/im, down: /^--\s*\+goose\s+Down\b/im },
  { up: /^--\s*migrate:up\b/im, down: /^--\s*migrate:down\b/im },
];

export function upSectionsOnly(text: string): string {
  const marker = MARKERS.find((m) => m.up.test(text) || m.down.test(text));
  if (!marker) return text;
  const lines = text.split('\n');
  let keeping = false;
  return lines
    .map((line) => {
      if (marker.up.test(line)) keeping = true;
      else if (marker.down.test(line)) keeping = false;
      return keeping ? line : line.replace(/[^\r]/g, ' ').trimEnd();
    })
    .join('\n');
}
