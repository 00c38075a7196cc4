import { rowsBody, tabular, toCsv } from './tabular-output';

const recorder = () => {
  const headers: Record<string, string> = {};
  return { headers, setHeader: (name: string, value: string) => void (headers[name] = value) };
};

describe('tabular output', () => {
  it('given cells with commas, quotes, line breaks, nulls and lists, when written as CSV, then they follow RFC 4180 with one header row', () => {
    const csv = toCsv(['a', 'b.c', 'd'], [{ a: 'x,y', 'b.c': 'say "hi"', d: null }, { a: 'line\nbreak', 'b.c': 1.5, d: ['p', 'q'] }]);
    expect(csv).toBe('a,b.c,d\r\n"x,y","say ""hi""",\r\n"line\nbreak",1.5,p | q\r\n');
  });

  it('given CSV with a file name, when rendered, then it is text/csv offered as an attachment under a safe name', () => {
    const response = recorder();
    rowsBody(response, 'csv', ['a'], [{ a: 1 }], 'RIOT scenarios/"x"');
    expect(response.headers).toEqual({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="RIOT_scenarios__x_.csv"' });
  });

  it('given NDJSON, when rendered, then each row is one JSON line and an empty table is an empty body', () => {
    const response = recorder();
    expect(rowsBody(response, 'ndjson', ['a'], [{ a: 1 }, { a: null }])).toBe('{"a":1}\n{"a":null}\n');
    expect(rowsBody(response, 'ndjson', ['a'], [])).toBe('');
    expect(response.headers).toEqual({ 'content-type': 'application/x-ndjson; charset=utf-8' });
  });

  it('given JSON, when rendered, then the rows are the envelope\'s items and no header is set', () => {
    const response = recorder();
    expect(tabular(response, 'json', ['a'], [{ a: 1 }], { page: { limit: 1 } }, 'file')).toEqual({ page: { limit: 1 }, items: [{ a: 1 }] });
    expect(response.headers).toEqual({});
  });
});
