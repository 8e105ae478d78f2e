# curl -T (PUT of a raw body) waiting for 100 Continue, 3 MB, downloaded back intact.
head -c 3000000 /dev/urandom > big.bin
curl -sS -f -v -H 'Expect: 100-continue' -T big.bin "$BASE/api/v1.0/file/" \
     2> trace > up.json
grep -q '< HTTP/1.1 100 Continue' trace
url=$(json '["url"]' < up.json)
test "$(json '["filename"]' < up.json)" = big.bin
curl -sS -f -o back.bin "$url" && cmp big.bin back.bin
