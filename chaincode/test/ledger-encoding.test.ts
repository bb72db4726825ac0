import { canonicalJson, fromBytes, toBytes } from '../src/ledger/json';
import { encodeKey, keys } from '../src/ledger/keys';
import { periodKeyAt, requirePeriodKey } from '../src/domain/period';
import { periodBounds, periodKeysBetween } from '../src/vocabulary';
import { isValidBsn } from '../src/vocabulary';
import { FakeStub } from './support/fake-stub';
import { WorldState } from './support/world-state';

describe('canonical JSON', () => {
  it('when objects have keys in any order, then they serialise identically with sorted keys', () => {
    const a = { b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } };
    const b = { a: { c: 'x', d: [{ y: 2, z: 1 }] }, b: 1 };

    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('when a field is undefined, then it is left out, and bytes round-trip', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(fromBytes(toBytes({ x: [1, 'two'] }))).toEqual({ x: [1, 'two'] });
  });
});

describe('key layout', () => {
  const stub = new FakeStub(new WorldState({}), {
    txId: 't',
    millis: 0,
    creatorMspId: 'X',
    transient: new Map(),
  });

  it('when keys are encoded, then they are Fabric composite keys per aggregate', () => {
    expect(encodeKey(stub, keys.pass('SP-1'))).toBe('\u0000pass\u0000SP-1\u0000');
    expect(encodeKey(stub, keys.redemptionByPass('SP-1', '2026-03-02T09:00:00.000Z', 'tx1'))).toBe(
      '\u0000redemption~pass\u0000SP-1\u00002026-03-02T09:00:00.000Z\u0000tx1\u0000',
    );
    expect(encodeKey(stub, keys.offerVersion('o', 12))).toBe(
      '\u0000offer~version\u0000o\u000000000012\u0000',
    );
  });
});

describe('pass-year periods', () => {
  it.each([
    ['2026-01-01T00:00:00.000Z', '01-01', '2026'],
    ['2026-12-31T23:59:59.999Z', '01-01', '2026'],
    ['2026-07-31T23:59:59.999Z', '08-01', '2025-08'],
    ['2026-08-01T00:00:00.000Z', '08-01', '2026-08'],
  ])('when the moment is %s and the year starts %s, then the period is %s', (at, start, expected) => {
    expect(periodKeyAt(at, start)).toBe(expected);
  });

  it('when a period key has the other shape, then it is refused', () => {
    expect(requirePeriodKey('2026-08', '08-01')).toBe('2026-08');
    expect(() => requirePeriodKey('2026', '08-01')).toThrow(/^INVALID_ARGUMENT: /);
    expect(() => requirePeriodKey('2026-09', '08-01')).toThrow(/^INVALID_ARGUMENT: /);
  });

  it("when a period is bounded, then it runs a year from the pass year's first month, the end exclusive", () => {
    expect(periodBounds('2026', '01-01')).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      until: '2027-01-01T00:00:00.000Z',
    });
    expect(periodBounds('2025-08', '08-01')).toEqual({
      from: '2025-08-01T00:00:00.000Z',
      until: '2026-08-01T00:00:00.000Z',
    });
  });

  it.each([
    ['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', '01-01', ['2026']],
    ['2026-03-01T00:00:00.000Z', '2028-02-01T00:00:00.000Z', '01-01', ['2026', '2027', '2028']],
    ['2026-03-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z', '08-01', ['2025-08', '2026-08']],
  ])('when a span runs from %s to %s (year from %s), then it overlaps %j', (from, until, start, expected) => {
    expect(periodKeysBetween(from, until, start)).toEqual(expected);
  });
});

describe('BSN eleven test', () => {
  it.each([
    ['111222333', true],
    ['123456782', true],
    ['123456789', false],
    ['12345678a', false],
  ])('when the BSN is %s, then valid is %s', (bsn, valid) => {
    expect(isValidBsn(bsn)).toBe(valid);
  });
});
