import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decimalInteger } from './values.js';

const numRuns = process.env['CI'] ? 500 : 3000;

/** What decimalInteger replaces: a regular expression, then Number(). */
function byRegExp(text: string, maxDigits?: number): number | undefined {
  const pattern = maxDigits === undefined ? /^-?\d+$/ : new RegExp(`^-?\\d{1,${maxDigits}}$`);
  return pattern.test(text) ? Number(text) : undefined;
}

test('law: decimalInteger reads what /^-?\\d+$/ and Number() read, and refuses what they refuse', () => {
  const digits = fc.stringMatching(/^-?[0-9]{1,25}$/);
  const near = fc.oneof(digits, fc.string({ maxLength: 8 }), fc.constantFrom('', '-', '--1', '+1', ' 1', '1 ', '1e3', '0x1F', '１', '-0', '007', '٣'));
  fc.assert(
    fc.property(near, fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }), (text, maxDigits) => {
      assert.ok(Object.is(decimalInteger(text, maxDigits), byRegExp(text, maxDigits)), `${JSON.stringify(text)} ${maxDigits}`);
    }),
    { numRuns },
  );
});
