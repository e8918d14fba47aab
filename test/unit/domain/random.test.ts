import crypto from 'node:crypto';
import { hmacSha256Hex, randomHex, sha256 } from '../../../src/server/domain/random';

const hex = (bytes: number[]) => bytes.map((x) => x.toString(16).padStart(2, '0')).join('');

describe('random codes from one key', () => {
  it('computes SHA-256 and HMAC-SHA-256 as Node does', () => {
    for (const text of ['', 'abc', 'x'.repeat(55), 'y'.repeat(64), 'é ✓ 😀'.repeat(30)]) {
      expect(hex(sha256([...Buffer.from(text, 'utf8')]))).toBe(
        crypto.createHash('sha256').update(text, 'utf8').digest('hex'),
      );
      for (const key of ['k', 'z'.repeat(100)])
        expect(hmacSha256Hex(key, text)).toBe(
          crypto.createHmac('sha256', key).update(text, 'utf8').digest('hex'),
        );
    }
  });

  it('gives a different code each time, and different codes under different keys', () => {
    const a = randomHex('key-a');
    const b = randomHex('key-b');
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) seen.add(a()).add(b());
    expect(seen.size).toBe(1000);
  });
});
