import { canonicalJson } from '../src/services/canonical-json';
import { holderHashOf } from '../src/services/holder-hash';

describe('holder hash', () => {
  it('when keys come in another order, then the canonical JSON is the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 'x' } })).toBe(
      canonicalJson({ a: { c: 'x', d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: { c: 'x' }, z: undefined })).toBe('{"a":{"c":"x"},"b":1}');
  });

  it('when the agreed test vector is hashed, then it gives the agreed digest (shared with the chaincode)', () => {
    // sha256("00112233445566778899aabbccddeeff" + '{"address":"Grote Markt 1","bsn":"123456782",
    // "dateOfBirth":"2015-04-01","name":"Jantje"}'), computed independently with sha256sum.
    const digest = holderHashOf('00112233445566778899aabbccddeeff', {
      name: 'Jantje',
      bsn: '123456782',
      dateOfBirth: '2015-04-01',
      address: 'Grote Markt 1',
    });

    expect(digest).toBe('f0c88f663d12fc427a862f58907cddff9396869fe29b48a076f074df606ae51e');
  });
});
