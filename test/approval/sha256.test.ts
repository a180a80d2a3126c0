// The hash approval pins files with: sha256 of the exact bytes, the same as node:crypto's.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashOf, sha256Hex, utf8 } from '../../src/core/approval';

const nodeSha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256', () => {
  it('gives the FIPS 180-4 digests of the standard messages', () => {
    expect(sha256Hex(utf8(''))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256Hex(utf8('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto at every padding boundary', () => {
    for (const length of [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 70_000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + 17) & 0xff);
      expect(sha256Hex(bytes), `${length} bytes`).toBe(nodeSha(bytes));
    }
  });

  it('agrees with node:crypto on any bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        (bytes) => sha256Hex(bytes) === nodeSha(bytes),
      ),
      { numRuns: 300 },
    );
  });

  it('hashes a file by its exact bytes, a text by its UTF-8 bytes', () => {
    const file = resolve(import.meta.dirname, '../../examples/call-routing/to-be.process.json');
    const bytes = readFileSync(file);
    expect(hashOf(bytes)).toBe(`sha256:${nodeSha(bytes)}`);
    expect(hashOf('é\u2028"\n')).toBe(`sha256:${nodeSha(Buffer.from('é\u2028"\n', 'utf8'))}`);
    // One byte more (a final newline, a BOM) is another file.
    expect(hashOf(Buffer.concat([bytes, Buffer.from('\n')]))).not.toBe(hashOf(bytes));
  });
});
