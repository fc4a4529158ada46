/** Types for the benchmark's schema generator, which tests also use for realistic schemas. */
export function rng(seed: number): () => number;
export function generateModel(size: number, seed?: number): unknown;
export function changeModel(model: unknown, seed?: number): unknown;
export function renderSql(model: unknown): string;
/** from.sql and to.sql text of a generated schema of `size` tables and its changed copy. */
export function schemaPair(size: number, seed?: number): { from: string; to: string };
