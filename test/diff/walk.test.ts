import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, same } from '../../src/diff/walk.js';

/** Plain model-like data: strings, numbers, booleans, null, arrays and objects, some fields undefined. */
const plain = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 3 }), fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'name'), fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 3 }),
})).value;

describe('structural equality of model data', () => {
  it('answers as comparing canonical JSON does', () => {
    fc.assert(
      fc.property(plain, plain, (a, b) => {
        expect(same(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
        expect(same(a, structuredClone(a))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores key order and undefined fields, not array order', () => {
    expect(same({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1, c: undefined })).toBe(true);
    expect(same({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(same({ a: 1 }, { a: 1, b: null })).toBe(false);
  });
});
