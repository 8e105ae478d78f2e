#!/usr/bin/python3
"""A soak: one real depot-server on PostgreSQL under mixed, rate-limited load for a given time.

Started by bench/soak.sh (which builds, starts PostgreSQL, the server and a local image server).
Every few seconds it samples the server's RSS, open file descriptors, threads, database
connections and files on disk. It fails when any of them keeps growing, when an answer is a 5xx
that no scenario provoked, or when accepted data is lost (every drop is downloadable exactly once,
every dump is stored). Results go to bench/soak-results.md and bench/soak.svg.

Loopback only; every loop is bounded by the run's deadline.
"""
import argparse
import base64
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time

PASSWORD = "soak-password-1"


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.unexpected = []

    def add(self, scenario, status, expected):
        with self.lock:
            key = (scenario, status)
            self.counts[key] = self.counts.get(key, 0) + 1
            if status not in expected and len(self.unexpected) < 50:
                self.unexpected.append(f"{scenario}: {status}")


class Client:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.conn = None

    def request(self, method, path, body=None, headers=None, timeout=30):
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
                self.conn.request(method, path, body=body, headers=headers or {})
                r = self.conn.getresponse()
                data = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.close()
                return r.status, dict(r.getheaders()), data
            except (ConnectionError, http.client.HTTPException, socket.timeout, OSError):
                self.close()
                if attempt == 1:
                    return 0, {}, b""
        return 0, {}, b""

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def login(client, user):
    status, _, body = client.request("POST", "/api/v1/auth/token",
                                     json.dumps({"username": user, "password": PASSWORD}))
    return json.loads(body)["token"] if status == 200 else None


def setup_user(client, user):
    client.request("POST", "/api/v1/users", json.dumps({"username": user, "password": PASSWORD}))
    return login(client, user)


def multipart(fields, file_name, content):
    boundary = "soak-boundary-%x" % random.getrandbits(64)
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def paced(deadline, rate, fn):
    """Calls fn() about `rate` times a second until the deadline."""
    interval = 1.0 / rate
    next_at = time.monotonic()
    while time.monotonic() < deadline:
        fn()
        next_at += interval
        delay = next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        else:
            next_at = time.monotonic()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--image-port", type=int, required=True)
    ap.add_argument("--pg-dsn", required=True, help="psql connection string of the server's database")
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "soak-results.md"))
    args = ap.parse_args()
    host = "127.0.0.1"
    stats = Stats()
    deadline = time.monotonic() + args.minutes * 60

    admin = Client(host, args.port)
    token = setup_user(admin, "soak")
    assert token, "cannot sign up"
    auth = {"Authorization": f"Bearer {token}"}
    # The endpoints every scenario uses.
    admin.request("POST", "/api/v1/endpoints", json.dumps(
        {"identifier": "mock", "status_code": 200, "response": {"ok": True, "n": list(range(20))}}), auth)
    admin.request("POST", "/api/v1/endpoints", json.dumps(
        {"identifier": "slow", "latency": 100, "response": {"slow": True}}), auth)
    body, ctype = multipart({"identifier": "file.bin", "kind": "file"}, "file.bin", os.urandom(256 * 1024))
    admin.request("POST", "/api/v1/endpoints", body, dict(auth, **{"Content-Type": ctype}))
    body, ctype = multipart({"identifier": "hello.py", "kind": "script"}, "hello.py",
                            b"import os\nprint('Content-Type: text/plain')\nprint()\nprint('hi', os.environ.get('QUERY_STRING'))\n")
    admin.request("POST", "/api/v1/endpoints", body, dict(auth, **{"Content-Type": ctype}))

    drops = {"created": 0, "claimed": 0, "burnt": 0, "lost": []}
    dumps = {"created": 0, "stored": 0, "images": 0, "lost": []}
    lock = threading.Lock()

    def mocks():
        c = Client(host, args.port)
        def once():
            s, _, _ = c.request("GET", "/u/soak/mock")
            stats.add("mock", s, {200})
            s, _, _ = c.request("GET", "/u/soak/slow")
            stats.add("latency mock", s, {200})
        paced(deadline, 40, once)

    def files():
        c = Client(host, args.port)
        def once():
            start = random.randrange(0, 200000)
            s, _, data = c.request("GET", "/u/soak/file.bin", headers={"Range": f"bytes={start}-{start + 4095}"})
            stats.add("file range", s, {206})
            s, _, data = c.request("GET", "/u/soak/file.bin")
            stats.add("file", s, {200})
        paced(deadline, 10, once)

    def scripts():
        c = Client(host, args.port)
        def once():
            s, _, _ = c.request("GET", "/u/soak/hello.py?x=1")
            stats.add("script", s, {200, 503})  # 503: the concurrency limit, provoked on purpose
        paced(deadline, 4, once)

    def drop_cycle():
        c = Client(host, args.port)
        def once():
            content = os.urandom(random.randrange(1, 64 * 1024))
            body, ctype = multipart({"password": "pw"}, "d.bin", content)
            s, _, data = c.request("PUT", "/api/v1.0/file", body, {"Content-Type": ctype})
            stats.add("drop upload", s, {201})
            if s != 201:
                return
            url = json.loads(data)["url"]
            path = url[url.index("/api/"):]
            with lock:
                drops["created"] += 1
            s, _, got = c.request("GET", path, headers={"X-Password": "pw"})
            stats.add("drop download", s, {200})
            s2, _, _ = c.request("GET", path, headers={"X-Password": "pw"})
            stats.add("drop second download", s2, {410, 404})
            with lock:
                if s == 200 and got == content and s2 in (404, 410):
                    drops["claimed"] += 1
                else:
                    drops["lost"].append(path)

        def burnt():
            # Uploaded, then deleted by its owner's delete link before anyone downloads it.
            body, ctype = multipart({}, "b.bin", os.urandom(random.randrange(1, 16 * 1024)))
            s, _, data = c.request("PUT", "/api/v1.0/file", body, {"Content-Type": ctype})
            stats.add("drop upload (to burn)", s, {201})
            if s != 201:
                return
            answer = json.loads(data)
            delete = answer["delete_url"][answer["delete_url"].index("/api/"):]
            s, _, _ = c.request("DELETE", delete)
            stats.add("drop burn", s, {204})
            url = answer["url"]
            s, _, _ = c.request("GET", url[url.index("/api/"):])
            stats.add("drop after burn", s, {410, 404})
            with lock:
                drops["burnt"] += 1

        def both():
            once()
            if random.random() < 0.5:
                burnt()
        paced(deadline, 2, both)

    def dump_cycle():
        c = Client(host, args.port)
        tok = setup_user(c, "soakdump")
        plans_hit = [0]
        def once():
            nonlocal tok
            items = [{"name": f"p{i}", "manufacturer": "m", "brand": "b", "category": "c",
                      "images": [f"http://127.0.0.1:{args.image_port}/img{i % 3}.png"]} for i in range(3)]
            s, h, data = c.request("POST", "/api/v1/dumps", json.dumps({"items": items}),
                                   {"Authorization": f"Bearer {tok}", "Content-Type": "application/json"})
            if s == 401:
                tok = login(c, "soakdump")
                return
            stats.add("dump", s, {201, 429})
            if s != 201:
                return
            answer = json.loads(data)
            rid = answer["requestId"]
            with lock:
                dumps["created"] += 1
                dumps["images"] += sum(1 for item in answer.get("items", [])
                                       for image in item.get("images", [])
                                       if image.get("status") == "SUCCESS")
            s, _, stored = c.request("GET", f"/api/v1/dumps/{rid}", headers={"Authorization": f"Bearer {tok}"})
            with lock:
                if s == 200:
                    dumps["stored"] += 1
                else:
                    dumps["lost"].append(rid)
        paced(deadline, 0.2, once)

    def logins():
        # Logins and token refreshes: a new login replaces the user's token (the old one stops
        # working), as a client refreshing before expiry does; soak.sh's short --token-expiry
        # makes the dump client refresh on 401 as well.
        c = Client(host, args.port)
        setup_user(c, "soaklogin")
        setup_user(c, "soakguess")
        previous = [None]
        guesses = [0]
        def once():
            s, _, body = c.request("POST", "/api/v1/auth/token",
                                   json.dumps({"username": "soaklogin", "password": PASSWORD}))
            stats.add("login", s, {200})
            t = json.loads(body)["token"] if s == 200 else None
            if t:
                s, _, _ = c.request("GET", "/api/v1/me", headers={"Authorization": f"Bearer {t}"})
                stats.add("me", s, {200})
                if previous[0]:
                    s, _, _ = c.request("GET", "/api/v1/me", headers={"Authorization": f"Bearer {previous[0]}"})
                    stats.add("replaced token", s, {401})
                previous[0] = t
            # Someone guessing another user's password now and then: 401, then 429 once that
            # user is throttled. Rarely enough (one in 15 rounds, at most 30 per 900-s window)
            # that the per-address counter (5 x 10) never refuses soaklogin's own logins.
            guesses[0] += 1
            if guesses[0] % 15 == 0:
                s, _, _ = c.request("POST", "/api/v1/auth/token",
                                    json.dumps({"username": "soakguess", "password": "wrong-password"}))
                stats.add("wrong password", s, {401, 429})
        paced(deadline, 0.5, once)

    def hostile():
        def once():
            kind = random.choice(["oversized", "aborted upload", "aborted drop"])
            try:
                s = socket.create_connection((host, args.port), timeout=5)
                if kind == "oversized":
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70000 + b"\r\n\r\n")
                    answer = s.recv(4096)
                    stats.add("oversized head", int(answer[9:12] or 0) if answer.startswith(b"HTTP/1.1 ") else 0, {431})
                elif kind == "aborted upload":
                    # An endpoint upload cut off half-way by a client that goes away.
                    body, ctype = multipart({"identifier": "aborted.bin", "kind": "file"}, "a.bin", os.urandom(200000))
                    s.sendall(f"POST /api/v1/endpoints HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                              f"Content-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body[:len(body) // 2])
                    stats.add("aborted upload", -1, {-1})
                else:
                    s.sendall(b"PUT /api/v1.0/file/x.bin HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n" + b"x" * 1000)
                    stats.add("aborted drop", -1, {-1})
                s.close()
            except OSError:
                pass
        paced(deadline, 1, once)

    def slowloris():
        # Holds about 20 connections that send a head one byte every 2 s: the guard's header
        # timeout must close each (408 or a close), and they must not pile up.
        conns = []
        def once():
            now = time.monotonic()
            for entry in list(conns):
                sock, started = entry
                try:
                    sock.send(b"X")
                except OSError:
                    stats.add("slowloris closed", -1, {-1})
                    conns.remove(entry)
                    sock.close()
                    continue
                if now - started > 60:
                    stats.add("slowloris outlived the header timeout", 0, {-1})
                    conns.remove(entry)
                    sock.close()
            while len(conns) < 20:
                try:
                    sock = socket.create_connection((host, args.port), timeout=5)
                    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                    conns.append((sock, now))
                except OSError:
                    break
        paced(deadline, 0.5, once)
        for sock, _ in conns:
            sock.close()

    samples = []

    def sample():
        def read(path):
            with open(path) as f:
                return f.read()
        status = read(f"/proc/{args.pid}/status")
        rss = int(next(l for l in status.splitlines() if l.startswith("VmRSS")).split()[1]) // 1024
        threads = int(next(l for l in status.splitlines() if l.startswith("Threads")).split()[1])
        fds = len(os.listdir(f"/proc/{args.pid}/fd"))
        # Files beyond the stored dump images (kept by design): drops come and go, endpoints stay.
        with lock:
            kept = dumps["images"]
        files = sum(len(f) for _, _, f in os.walk(os.path.join(args.data_dir, "files"))) - kept
        try:
            out = subprocess.run(["psql", args.pg_dsn, "-Atc",
                                  "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"],
                                 capture_output=True, text=True, timeout=10)
            conns = int(out.stdout.strip() or 0)
        except (OSError, ValueError, subprocess.SubprocessError):
            conns = -1
        samples.append((time.monotonic(), rss, fds, threads, conns, files))

    threads = [threading.Thread(target=f, daemon=True)
               for f in (mocks, mocks, files, scripts, drop_cycle, dump_cycle, logins, hostile, slowloris)]
    start = time.monotonic()
    for t in threads:
        t.start()
    while time.monotonic() < deadline:
        sample()
        time.sleep(5)
    for t in threads:
        t.join(timeout=30)
    sample()

    # Growth: the last third against the second third (the first is warm-up).
    problems = []
    n = len(samples)
    names = ["RSS MiB", "open fds", "threads", "db connections", "files beyond dump images"]
    rows = []
    for i, name in enumerate(names, start=1):
        values = [s[i] for s in samples]
        mid = values[n // 3: 2 * n // 3] or values
        last = values[2 * n // 3:] or values
        a, b = statistics.mean(mid), statistics.mean(last)
        limit = a * 1.2 + (16 if i == 1 else 8)
        grows = b > limit
        rows.append((name, min(values), max(values), round(a, 1), round(b, 1), "GROWS" if grows else "flat"))
        if grows:
            problems.append(f"{name} grows: {a:.1f} -> {b:.1f}")
    if stats.unexpected:
        problems.append("unexpected answers: " + ", ".join(sorted(set(stats.unexpected))[:10]))
    if drops["lost"]:
        problems.append(f"{len(drops['lost'])} drop(s) not downloadable exactly once")
    if dumps["lost"]:
        problems.append(f"{len(dumps['lost'])} dump(s) not stored")

    write_results(args, samples, rows, stats, drops, dumps, problems, time.monotonic() - start)
    print("\n".join(problems) if problems else "soak passed")
    return 1 if problems else 0


def write_svg(path, samples):
    w, h, pad = 720, 260, 40
    t0 = samples[0][0]
    span = max(1.0, samples[-1][0] - t0)
    series = [(1, "#c0392b", "RSS MiB"), (2, "#2980b9", "open fds")]
    top = max(max(s[i] for s in samples) for i, _, _ in series) * 1.1 or 1
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="11">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<line x1="{pad}" y1="{h - pad}" x2="{w - 10}" y2="{h - pad}" stroke="#555"/>',
           f'<line x1="{pad}" y1="10" x2="{pad}" y2="{h - pad}" stroke="#555"/>',
           f'<text x="{pad}" y="{h - 12}">0 s</text><text x="{w - 60}" y="{h - 12}">{span:.0f} s</text>',
           f'<text x="4" y="16">{top:.0f}</text>']
    for i, color, label in series:
        pts = " ".join(f"{pad + (s[0] - t0) / span * (w - pad - 10):.1f},{h - pad - s[i] / top * (h - pad - 10):.1f}"
                       for s in samples)
        out.append(f'<polyline fill="none" stroke="{color}" stroke-width="1.5" points="{pts}"/>')
        out.append(f'<text x="{w - 120}" y="{20 + 14 * i}" fill="{color}">{label}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out))


def write_results(args, samples, rows, stats, drops, dumps, problems, seconds):
    svg = os.path.join(os.path.dirname(args.out), "soak.svg")
    write_svg(svg, samples)
    lines = [f"# Soak results ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})", "",
             f"{seconds / 60:.1f} minutes, depot-server on PostgreSQL, {len(samples)} samples every 5 s. "
             f"Verdict: **{'FAILED' if problems else 'passed'}**.", "",
             "| resource | min | max | mean, 2nd third | mean, last third | |", "|---|---|---|---|---|---|"]
    lines += [f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} |" for r in rows]
    lines += ["", "| scenario | status | answers |", "|---|---|---|"]
    lines += [f"| {k[0]} | {k[1]} | {v} |" for k, v in sorted(stats.counts.items())]
    lines += ["", f"Drops: {drops['created']} uploaded, {drops['claimed']} downloaded exactly once, "
              f"{drops['burnt']} more deleted by their owner and gone after. "
              f"Dumps: {dumps['created']} created, {dumps['stored']} stored.", ""]
    if problems:
        lines += ["Problems:", ""] + [f"- {p}" for p in problems] + [""]
    lines += ["![RSS and open fds over time](soak.svg)", ""]
    with open(args.out, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
