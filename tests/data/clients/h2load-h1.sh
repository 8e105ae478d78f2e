# h2load over HTTP/1.1 (pipelined, -m 4) on /healthz and a hosted json endpoint.
token=$(login loader)
curl -sS -f -o /dev/null -H "Authorization: Bearer $token" -X POST \
     -d '{"identifier":"ping","response":{"pong":true}}' "$BASE/api/v1/endpoints"
h2load --h1 -n 400 -c 8 -m 4 "$BASE/healthz" "$BASE/u/loader/ping" > out
grep -q '400 succeeded, 0 failed, 0 errored' out
grep -q 'status codes: 400 2xx' out
