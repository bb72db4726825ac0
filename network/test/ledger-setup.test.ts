import { chunksOf } from '../src/clients/ledger-setup';

describe('chunksOf', () => {
  it('when the items do not fill the last chunk, then it holds the rest', () => {
    expect(chunksOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('when there are no items, then there are no chunks', () => {
    expect(chunksOf([], 500)).toEqual([]);
  });
});
