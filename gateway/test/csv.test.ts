import { toCsv } from '../src/reports/csv';

describe('the CSV writer', () => {
  it('when fields hold commas, quotes, lists, nothing or a leading formula sign, then each is written safely', () => {
    const rows = [{ a: 'x,y', b: 'say "hi"', c: 250, d: undefined, e: ['r1', 'r2'], f: '=1+1', g: true }];

    expect(toCsv(['a', 'b', 'c', 'd', 'e', 'f', 'g'], rows)).toBe(
      'a,b,c,d,e,f,g\r\n"x,y","say ""hi""",250,,r1 r2,\'=1+1,true\r\n',
    );
  });
});
