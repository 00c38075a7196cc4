// Posts the last N days of a Coin Metrics-format daily CSV to ingest's push API.
// Heights and difficulty are derived as data/reference/README.md §1 describes.
const { readFileSync } = require('node:fs');

const [ingestUrl, file, days] = [process.argv[2], process.argv[3], Number(process.argv[4] ?? 30)];
const FIRST_HEIGHT_2019_01_01 = 556_464;
const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => {
  const [date, priceUsd, hashrateThs, blocks, , feesBtc] = line.split(',');
  return { date, priceUsd: Number(priceUsd), hashrateThs: Number(hashrateThs), blocks: Number(blocks), feesBtc: Number(feesBtc) };
});

async function post(path, body) {
  const response = await fetch(`${ingestUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok && response.status !== 200) throw new Error(`${path} ${response.status}: ${await response.text()}`);
}

(async () => {
  let height = FIRST_HEIGHT_2019_01_01;
  const started = Date.now();
  let posted = 0;
  for (const [i, row] of rows.entries()) {
    const endOfDay = new Date(`${row.date}T23:59:59Z`).toISOString();
    if (i >= rows.length - days) {
      const difficulty = (row.hashrateThs * 1e12 * 86_400) / (2 ** 32 * row.blocks);
      await post('/v1/observations/btc-price', { priceUsd: row.priceUsd, observedAt: endOfDay, pair: 'BTC-USD', source: 'coinmetrics-community' });
      await post('/v1/observations/network-snapshot', { height: height + row.blocks - 1, difficulty, feesBtcPerBlock: row.feesBtc / row.blocks, feeWindowBlocks: row.blocks, observedAt: endOfDay, source: 'coinmetrics-community' });
      posted += 2;
    }
    height += row.blocks;
  }
  console.error(`feed: posted ${posted} observations (${days} days up to ${rows.at(-1).date}) in ${Date.now() - started} ms`);
})().catch((error) => {
  console.error(`feed: ${error.message}`);
  process.exit(1);
});
