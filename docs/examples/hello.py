# A script endpoint for Depot (docs/API.md, "Hosted endpoints"): run with Python 3 in a sandbox
# on every hit. CGI/1.1 in (REQUEST_METHOD, QUERY_STRING, HTTP_* variables, the body on stdin),
# CGI out: headers, an empty line, the body. A bare body without headers works too.
import json
import os
from urllib.parse import parse_qs

name = parse_qs(os.environ.get("QUERY_STRING", "")).get("name", ["world"])[0]
print("Content-Type: application/json")
print()
print(json.dumps({"hello": name, "method": os.environ.get("REQUEST_METHOD")}))
