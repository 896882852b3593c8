// A CSV reader with the rules of Go's encoding/csv as kube-apiserver configures it for credential files: comma
// separated, fields optionally in double quotes (`""` for a quote, line breaks allowed inside), CRLF read as LF,
// blank lines skipped, records of any length, and a stray quote an error.

export class CsvError extends Error {
  override name = 'CsvError';
}

export function parseCsv(text: string): string[][] {
  const input = text.replace(/\r\n/g, '\n');
  const records: string[][] = [];
  let line = 1;
  let i = 0;
  const fail = (column: number, problem: string): never => {
    throw new CsvError(`parse error on line ${line}, column ${column}: ${problem}`);
  };
  const column = (at: number): number => at - input.lastIndexOf('\n', at - 1);

  while (i < input.length) {
    if (input[i] === '\n') {
      line++;
      i++;
      continue;
    }
    const record: string[] = [];
    for (;;) {
      let field = '';
      if (input[i] === '"') {
        i++;
        for (;;) {
          if (i >= input.length) fail(column(i), 'extraneous or missing " in quoted-field');
          const c = input[i];
          if (c === '"' && input[i + 1] === '"') {
            field += '"';
            i += 2;
          } else if (c === '"') {
            i++;
            if (i < input.length && input[i] !== ',' && input[i] !== '\n') {
              fail(column(i), 'extraneous or missing " in quoted-field');
            }
            break;
          } else {
            if (c === '\n') line++;
            field += c;
            i++;
          }
        }
      } else {
        while (i < input.length && input[i] !== ',' && input[i] !== '\n') {
          if (input[i] === '"') fail(column(i), 'bare " in non-quoted-field');
          field += input[i];
          i++;
        }
      }
      record.push(field);
      if (input[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    records.push(record);
    if (input[i] === '\n') {
      line++;
      i++;
    }
  }
  return records;
}
