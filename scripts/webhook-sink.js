// The main job's stand-in for a subscriber: a real HTTP endpoint that appends every delivery to a file.
// Usage: node scripts/webhook-sink.js PORT FILE
const { createServer } = require('node:http');
const { appendFileSync } = require('node:fs');

const [port, file] = [Number(process.argv[2] ?? 3009), process.argv[3] ?? '.run/webhooks.ndjson'];
createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    appendFileSync(file, JSON.stringify({ receivedAt: new Date().toISOString(), headers: { 'webhook-id': req.headers['webhook-id'] }, body: safeJson(body) }) + '\n');
    res.writeHead(204).end();
  });
}).listen(port, '127.0.0.1', () => console.error(`webhook-sink: listening on 127.0.0.1:${port}, writing ${file}`));

function safeJson(text) {
  try { return JSON.parse(text); } catch { return text; }
}
