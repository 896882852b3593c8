import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { TerminalSize } from '../../node/kubelet-api.ts';
import { JsonObjectSplitter, readTerminalSizes } from './terminal-size-reader.ts';

async function sizesFrom(chunks: string[]): Promise<TerminalSize[]> {
  const source = new PassThrough();
  const sizes: TerminalSize[] = [];
  readTerminalSizes(source, (size) => sizes.push(size));
  for (const chunk of chunks) source.write(chunk);
  source.end();
  await new Promise((resolve) => source.once('end', resolve));
  return sizes;
}

describe('terminal size reader', () => {
  it.each<[string, string[], TerminalSize[]]>([
    [
      'one size per message, as kubectl sends them',
      ['{"Width":80,"Height":24}\n', '{"Width":120,"Height":40}\n'],
      [
        { width: 80, height: 24 },
        { width: 120, height: 40 },
      ],
    ],
    [
      'sizes split anywhere between messages',
      ['{"Wid', 'th":100,"Hei', 'ght":30}{"Width":1', ',"Height":2}'],
      [
        { width: 100, height: 30 },
        { width: 1, height: 2 },
      ],
    ],
    ['keys in any case, as Go matches them', ['{"width":90,"HEIGHT":20}'], [{ width: 90, height: 20 }]],
    ['a missing dimension as zero', ['{"Width":90}'], [{ width: 90, height: 0 }]],
    [
      'nothing after a value that is not a size',
      ['{"Width":80,"Height":24}', '{"Width":"wide"}', '{"Width":1,"Height":1}'],
      [{ width: 80, height: 24 }],
    ],
    ['nothing after text that is not JSON objects', ['[1]{"Width":1,"Height":1}'], []],
  ])('reads %s', async (_, chunks, expected) => {
    expect(await sizesFrom(chunks)).toEqual(expected);
  });

  it('splits objects whose strings hold braces and escaped quotes', () => {
    const splitter = new JsonObjectSplitter();
    expect(splitter.push('{"a":"}\\"{"} {"b":{"c":1}}')).toEqual(['{"a":"}\\"{"}', '{"b":{"c":1}}']);
  });
});
