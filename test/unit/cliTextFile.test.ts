import * as assert from 'assert';
import { invalidUtf8Bytes, notTextReason } from '../../src/cli/textFile';

const bytes = (...xs: number[]) => Uint8Array.from(xs);
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('cli: text file check', () => {
  it('takes UTF-8 text in any script, a byte-order mark and an empty file as text', () => {
    for (const s of ['', '# Notes\nDuoAttention, KVQuant.\n', '\ufeffBOM first', 'Ünïcödé — 中文 — 🦒 emoji', 'x'.repeat(20000)]) {
      assert.strictEqual(notTextReason(utf8(s)), undefined, s.slice(0, 20));
    }
  });

  it('does not count a character cut off by the end of the sample', () => {
    const giraffe = utf8('🦒');
    for (let cut = 1; cut < giraffe.length; cut++) assert.strictEqual(invalidUtf8Bytes(giraffe.subarray(0, cut)), 0, String(cut));
    const sample = utf8(`${'a'.repeat(8191)}é`); // é straddles the 8 KB boundary
    assert.strictEqual(notTextReason(sample), undefined);
  });

  it('says why a file is not text: NUL bytes, UTF-16, or mostly invalid UTF-8', () => {
    assert.strictEqual(notTextReason(bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00)), 'it contains NUL bytes'); // an ELF header
    assert.strictEqual(notTextReason(bytes(0xff, 0xfe, 0x68, 0x00, 0x69, 0x00)), 'it is UTF-16; save it as UTF-8');
    assert.strictEqual(notTextReason(bytes(0xfe, 0xff, 0x00, 0x68)), 'it is UTF-16; save it as UTF-8');
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => 0x80 + ((i * 37) % 0x7f));
    assert.match(notTextReason(noise) ?? '', /^\d+% of its first 4096 bytes are not UTF-8$/);
  });

  it('tolerates a few Latin-1 letters in otherwise ASCII text', () => {
    const latin1 = new Uint8Array(Buffer.from('Résumé of the café meeting about DuoAttention and KVQuant. '.repeat(20), 'latin1'));
    assert.ok(invalidUtf8Bytes(latin1) > 0);
    assert.strictEqual(notTextReason(latin1), undefined);
  });

  it('counts overlong forms, surrogates, stray continuation bytes and bad lead bytes as invalid', () => {
    assert.strictEqual(invalidUtf8Bytes(bytes(0xc0, 0xaf)), 2); // overlong "/"
    assert.strictEqual(invalidUtf8Bytes(bytes(0xe0, 0x80, 0xaf)), 3); // overlong
    assert.strictEqual(invalidUtf8Bytes(bytes(0xed, 0xa0, 0x80)), 3); // a UTF-16 surrogate
    assert.strictEqual(invalidUtf8Bytes(bytes(0xf4, 0x90, 0x80, 0x80)), 4); // above U+10FFFF
    assert.strictEqual(invalidUtf8Bytes(bytes(0x80, 0x61, 0xff)), 2);
    assert.strictEqual(invalidUtf8Bytes(bytes(0xe2, 0x82, 0x61)), 2); // a sequence broken by "a": both its bytes
    assert.strictEqual(invalidUtf8Bytes(utf8('€ 𝄞 é')), 0);
  });
});
