// Test helper: a strict RFC 4180 reader, so tests check the CSV a spreadsheet would read, not its bytes.
// Only *.spec.ts files import this.

/** Records of fields; quoted fields may hold commas, CR/LF and doubled quotes. Fails on anything else. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') field += text[++i];
      else {
        quoted = false;
        if (i + 1 < text.length && text[i + 1] !== ',' && text[i + 1] !== '\r') throw new Error(`text after a closing quote at ${i + 1}`);
      }
    } else if (char === '"') {
      if (field !== '') throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      i += 1;
    } else if (char === '\r' || char === '\n') {
      throw new Error(`a bare ${char === '\r' ? 'CR' : 'LF'} at ${i} (records end in CRLF)`);
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error('an unterminated quoted field');
  if (field !== '' || record.length > 0) throw new Error('the last record does not end in CRLF');
  return records;
}

/** The CSV as objects keyed by its header row; checks every record has the header's width. */
export function csvObjects(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  for (const row of rows) if (row.length !== header.length) throw new Error(`a record of ${row.length} fields under a header of ${header.length}`);
  return rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index]])));
}
