# Sourced before every row of tests/integration/tst_clientmatrix.cpp (BASE is the server).
# json EXPR prints json.load(stdin)EXPR; login NAME signs NAME up and prints a token.
set -e -o pipefail
json() { /usr/bin/python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }
login() {
    curl -sS -f -o /dev/null -X POST "$BASE/api/v1/users" \
         -d "{\"username\":\"$1\",\"password\":\"password-123\"}"
    curl -sS -f -X POST "$BASE/api/v1/auth/token" \
         -d "{\"username\":\"$1\",\"password\":\"password-123\"}" | json '["token"]'
}
