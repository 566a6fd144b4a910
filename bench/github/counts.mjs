// GPT-NeoX counts for bench/github/reference.py: one JSON string a line in, one count a line out, by the HuggingFace
// tokenizers library (tests/RedPajama.Tests/fixtures/neox: run `npm ci` there first), without special tokens.
//   node counts.mjs TOKENIZER_JSON TEXTS_JSONL COUNTS_OUT
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';

const require = createRequire(new URL('../../tests/RedPajama.Tests/fixtures/neox/package.json', import.meta.url));
const { Tokenizer } = require('tokenizers');
process.env.TOKENIZERS_PARALLELISM = 'false';

const tokenizer = Tokenizer.fromFile(process.argv[2]);
const texts = readFileSync(process.argv[3], 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
const counts = [];
for (let i = 0; i < texts.length; i += 256) {
  const encodings = await tokenizer.encodeBatch(texts.slice(i, i + 256), { addSpecialTokens: false });
  for (const e of encodings) counts.push(e.getIds().length);
}
writeFileSync(process.argv[4], counts.join('\n') + (counts.length ? '\n' : ''));
