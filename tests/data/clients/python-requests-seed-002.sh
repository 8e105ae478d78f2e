# Seed 002's README: its upload and download examples as written (only the URL differs).
/usr/bin/python3 - "$BASE" <<'EOF'
import sys
import requests

# If no password is set during upload, do not have to send data dictionary
# with the request. The data dictionary acts as the form data

url = sys.argv[1] + '/api/v1.0/file'

files = {'file': open('report.xls', 'rb')}
data = {'password': 'hello world'}
res = requests.put(url, files=files, data=data)
assert res.status_code == 201, res.text
assert res.json()['status'] == 'File Uploaded Successfully'

url = res.json()['url']

params = {'password': 'hello world'}

res = requests.get(url, params=params)
assert res.status_code == 200, res.text
assert res.content == open('report.xls', 'rb').read()
res = requests.get(url, params=params)
assert res.status_code == 410 and res.json()['error'] == 'Gone', res.text
assert requests.put(sys.argv[1] + '/api/v1.0/file').status_code == 400
assert requests.post(sys.argv[1] + '/api/v1.0/file').status_code == 405
# a Session (keep-alive) through the management API
s = requests.Session()
s.post(sys.argv[1] + '/api/v1/users', json={'username': 'pyuser', 'password': 'password-123'})
token = s.post(sys.argv[1] + '/api/v1/auth/token',
   json={'username': 'pyuser', 'password': 'password-123'}).json()['token']
s.headers['Authorization'] = 'Bearer ' + token
r = s.post(sys.argv[1] + '/api/v1/endpoints', json={'identifier': 'py', 'response': [1]})
assert r.status_code == 201, r.text
assert s.get(sys.argv[1] + '/u/pyuser/py').json() == [1]
assert s.get(sys.argv[1] + '/api/v1/me').json()['username'] == 'pyuser'
EOF
