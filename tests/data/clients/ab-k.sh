# ApacheBench with HTTP/1.0 keep-alive (-k): needs Connection: keep-alive on HTTP/1.0 answers.
ab -q -k -s 5 -n 400 -c 8 "$BASE/healthz" > out
grep -Eq '^Complete requests: +400$' out
grep -Eq '^Failed requests: +0$' out
grep -Eq '^Keep-Alive requests: +[1-9]' out
