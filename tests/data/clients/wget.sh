# wget: a drop download with its password; used up, wget reports the 410 (exit 8); --content-disposition names a file endpoint's download.
wget -q -O - "$BASE/healthz" | grep -q '"ok"'
url=$(curl -sS -f -F file=@report.xls -F password=pw -X PUT "$BASE/api/v1.0/file" | json '["url"]')
wget -q --header='X-Password: pw' -O got.xls "$url" && cmp report.xls got.xls
set +e; wget -q -S -O again "$url" 2> headers; code=$?; set -e
test "$code" = 8 && grep -q 'HTTP/1.1 410' headers
token=$(login wgetter)
curl -sS -f -o /dev/null -H "Authorization: Bearer $token" -X POST \
     -F identifier=download -F "file=@report.xls;filename=w.xls" "$BASE/api/v1/endpoints"
wget -q --content-disposition "$BASE/u/wgetter/download" && cmp report.xls w.xls
