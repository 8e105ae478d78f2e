# ApacheBench without keep-alive: 400 requests, none failed.
ab -q -s 10 -n 400 -c 8 "$BASE/healthz" > out
grep -Eq '^Complete requests: +400$' out
grep -Eq '^Failed requests: +0$' out
! grep -q 'Non-2xx' out
