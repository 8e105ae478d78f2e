# Ranges on a file endpoint: 206 for a start and a rest, 416 past the end, a resumed download (-C -).
token=$(login ranges)
curl -sS -f -o /dev/null -H "Authorization: Bearer $token" -X POST \
     -F identifier=r.xls -F file=@report.xls "$BASE/api/v1/endpoints"
test "$(curl -sS -r 0-9 -o part -w '%{http_code}' "$BASE/u/ranges/r.xls")" = 206
head -c 10 report.xls | cmp - part
size=$(stat -c %s report.xls)
test "$(curl -sS -r 10- -o rest -w '%{http_code}' "$BASE/u/ranges/r.xls")" = 206
tail -c +11 report.xls | cmp - rest
test "$(curl -sS -r 999999- -o /dev/null -w '%{http_code}' "$BASE/u/ranges/r.xls")" = 416
head -c 100 report.xls > resumed
curl -sS -f -C - -o resumed "$BASE/u/ranges/r.xls" && cmp report.xls resumed
