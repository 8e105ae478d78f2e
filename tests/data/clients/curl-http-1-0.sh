# curl -0 (HTTP/1.0): an answer with a length, a drop round trip with a password.
curl -sS -f -0 -i "$BASE/healthz" > out
grep -q '"status":"ok"' out
grep -qi '^Content-Length: 15' out
url=$(curl -sS -f -0 -F file=@report.xls -F password=pw -X PUT "$BASE/api/v1.0/file" | json '["url"]')
curl -sS -f -0 -H 'X-Password: pw' -o got.xls "$url" && cmp report.xls got.xls
