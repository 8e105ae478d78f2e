# curl over HTTP/1.1: health, a drop round trip, 410 once used.
test "$(curl -sS -f --http1.1 "$BASE/healthz")" = '{"status":"ok"}'
url=$(curl -sS -f --http1.1 -F file=@report.xls -X PUT "$BASE/api/v1.0/file" | json '["url"]')
curl -sS -f --http1.1 -o got.xls "$url" && cmp report.xls got.xls
test "$(curl -sS -o /dev/null -w '%{http_code}' "$url")" = 410
