# Node's fetch: a multipart drop upload, its download, 410 after, and the token API.
node - "$BASE" <<'EOF'
const fs = require('fs');
const assert = require('assert');
const base = process.argv[2];
(async () => {
  const form = new FormData();
  const bytes = fs.readFileSync('report.xls');
  form.append('file', new Blob([bytes]), 'report.xls');
  form.append('password', 'pw');
  let res = await fetch(base + '/api/v1.0/file', {method: 'PUT', body: form});
  assert.strictEqual(res.status, 201);
  const {url} = await res.json();
  res = await fetch(url, {headers: {'X-Password': 'pw'}});
  assert.strictEqual(res.status, 200);
  assert.ok(Buffer.from(await res.arrayBuffer()).equals(bytes));
  res = await fetch(url);
  assert.strictEqual(res.status, 410);
  assert.strictEqual((await res.json()).error, 'Gone');
  await fetch(base + '/api/v1/users', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({username: 'noder', password: 'password-123'})});
  res = await fetch(base + '/api/v1/auth/token', {method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({username: 'noder', password: 'password-123'})});
  const {token} = await res.json();
  res = await fetch(base + '/api/v1/me', {headers: {Authorization: 'Bearer ' + token}});
  assert.strictEqual((await res.json()).username, 'noder');
})().catch(e => { console.error(e); process.exit(1); });
EOF
