# Node's http keep-alive agent: 30 requests (200s and JSON 404s) on one connection.
node - "$BASE" <<'EOF'
const http = require('http');
const assert = require('assert');
const agent = new http.Agent({keepAlive: true, maxSockets: 1});
const get = path => new Promise((resolve, reject) => {
  const req = http.get(process.argv[2] + path, {agent}, res => {
    let body = '';
    res.on('data', d => body += d);
    res.on('end', () => resolve({status: res.statusCode, body, reused: req.reusedSocket}));
  });
  req.on('error', reject);
});
(async () => {
  let reused = 0;
  for (let i = 0; i < 30; i++) {
    const r = await get(i % 2 ? '/healthz' : '/api/v1.0/file/AAAAAAAAAAAAAAAAAAAAAA');
    assert.strictEqual(r.status, i % 2 ? 200 : 404);
    JSON.parse(r.body);
    if (r.reused) reused++;
  }
  assert.strictEqual(reused, 29, 'one connection for all requests');
  agent.destroy();
})().catch(e => { console.error(e); process.exit(1); });
EOF
