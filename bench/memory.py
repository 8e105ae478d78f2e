#!/usr/bin/env python3
"""Resident memory of a running depot-server under hostile or heavy connection patterns.

Driven by bench/memory.sh (which starts the server); loopback only, about two minutes.
Each pattern: RSS before, peak RSS while it runs (sampled every 50 ms), RSS after, and what the
clients saw.

    memory.py PID PORT TOKEN ROWS.json LABEL [PATTERNS]   runs the patterns (all, or e.g. "5,6")
                                                          against the server and appends its rows
    memory.py --render ROWS.json OUT.md                   writes the Markdown table
"""
import json
import os
import re
import socket
import sys
import threading
import time
import urllib.request

MARK = "## Earlier measurements"


def render(rows_path, out):
    """The table of every row in ROWS.json; notes after MARK in the old file are kept."""
    with open(rows_path) as f:
        rows = json.load(f)
    kept = ""
    try:
        with open(out) as f:
            previous = f.read()
        if MARK in previous:
            kept = previous[previous.index(MARK):]
    except OSError:
        pass
    with open(out, "w") as f:
        f.write("# depot-server resident memory under connection patterns\n\n")
        f.write("Written by `bench/memory.sh` (loopback, one depot-server with 2 workers). RSS in MiB "
                "sampled every 50 ms: before the pattern, its peak while the pattern runs, and 0.5 s "
                "after it ends. /healthz is asked every 20 ms while the dumps run, each time on a "
                "new connection (so on either worker). Rows of a `baseline` build (bench/memory.sh "
                "with BENCH_MEMORY_BASELINE=<binary>) were measured in the same run, just before.\n\n")
        f.write("| build | pattern | before | peak | after | notes |\n|---|---|---:|---:|---:|---|\n")
        for r in rows:
            f.write(f"| {r['label']} | {r['name']} | {r['before']:.0f} | {r['peak']:.0f} | "
                    f"{r['after']:.0f} | {r['notes']} |\n")
        if kept:
            f.write("\n" + kept)


if sys.argv[1] == "--render":
    render(sys.argv[2], sys.argv[3])
    sys.exit(0)

PID, PORT, TOKEN, ROWS, LABEL = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
PATTERNS = set(sys.argv[6].split(",")) if len(sys.argv) > 6 else set("123456")
HOST = "127.0.0.1"
MiB = 1024 * 1024


def rss_kib():
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Sampler:
    def __init__(self):
        self.peak = 0
        self.running = True
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_kib())
            time.sleep(0.05)

    def __enter__(self):
        self.before = rss_kib()
        self.peak = self.before
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        time.sleep(0.5)
        self.after = rss_kib()


def connect():
    s = socket.create_connection((HOST, PORT))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def healthz_ms():
    t = time.monotonic()
    with urllib.request.urlopen(f"http://{HOST}:{PORT}/healthz", timeout=30) as r:
        r.read()
    return (time.monotonic() - t) * 1000


def api(method, path, body):
    req = urllib.request.Request(f"http://{HOST}:{PORT}{path}", data=body, method=method,
                                 headers={"Authorization": f"Bearer {TOKEN}",
                                          "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


try:
    with open(ROWS) as f:
        rows = json.load(f)
except OSError:
    rows = []


def record(name, s, notes):
    rows.append({"label": LABEL, "name": name, "before": s.before / 1024, "peak": s.peak / 1024,
                 "after": s.after / 1024, "notes": notes})
    with open(ROWS, "w") as f:
        json.dump(rows, f)
    print(f"memory: {name}: {s.before / 1024:.0f} -> peak {s.peak / 1024:.0f} MiB ({notes})",
          flush=True)


# --- 1. pipelined requests whose answers are never read -------------------------------------
if "1" in PATTERNS:
    big = {"identifier": "big", "kind": "json", "method": "GET", "response": {"data": "x" * 1000000}}
    api("POST", "/api/v1/endpoints", json.dumps(big).encode())
    with Sampler() as s:
        c = connect()
        c.sendall(b"".join(b"GET /u/bench/big HTTP/1.1\r\nHost: x\r\n\r\n" for _ in range(300)))
        time.sleep(4)
        c.close()
    record("300 pipelined GETs of a 1 MB mock, answers never read", s, "one connection, 4 s")

# --- 2. a 10 GB announced upload, streamed regardless of the answer --------------------------
if "2" in PATTERNS:
    with Sampler() as s:
        c = connect()
        c.sendall(b"POST /api/v1/dumps HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                  TOKEN.encode() + b"\r\nContent-Length: 10737418240\r\n\r\n")
        chunk = b"x" * MiB
        sent = 0
        answer = b""
        reset = False
        try:
            c.settimeout(5)
            while sent < 512 * MiB:
                c.sendall(chunk)
                sent += len(chunk)
        except OSError:
            reset = True
        try:
            answer = c.recv(200)
        except OSError:
            pass
        c.close()
    status = answer.split(b" ")[1].decode() if answer.startswith(b"HTTP/") else "reset"
    record("10 GB announced upload (Content-Length), client keeps sending", s,
           f"answer {status}, then {sent // MiB} MiB sent and discarded" +
           (" until the server reset the connection" if reset else ""))

# --- 3. slowloris: 300 connections sending their heads one byte a second ---------------------
if "3" in PATTERNS:
    with Sampler() as s:
        socks = []
        for _ in range(300):
            c = connect()
            c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            socks.append(c)
        for _ in range(6):
            for c in socks:
                try:
                    c.sendall(b"X")
                except OSError:
                    pass
            time.sleep(1)
        latency = healthz_ms()
        for c in socks:
            c.close()
    record("slowloris: 300 connections, one head byte per second", s,
           f"/healthz meanwhile {latency:.0f} ms")

# --- 4. 2,000 idle connections -----------------------------------------------------------------
if "4" in PATTERNS:
    with Sampler() as s:
        socks = [connect() for _ in range(2000)]
        time.sleep(3)
        latency = healthz_ms()
        for c in socks:
            c.close()
    record("2,000 idle connections", s, f"/healthz meanwhile {latency:.0f} ms")

# --- 5. four large dumps in parallel ------------------------------------------------------------
def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def stored_ms():
    """The server's "... images stored in N ms" lines so far (its log, SERVER_LOG): from the
    reservation of a dump to its result committed."""
    try:
        with open(os.environ.get("SERVER_LOG", "/nonexistent")) as f:
            return [int(m.group(1)) for m in re.finditer(r"images stored in (\d+) ms", f.read())]
    except OSError:
        return []


def four_parallel_dumps(dump):
    """Posts `dump` four times at once; /healthz is asked every 20 ms meanwhile. Returns the
    sampler, the answers, the /healthz latencies and how long each dump took to be answered."""
    statuses, took, latencies = [], [], []

    def post():
        t = time.monotonic()
        statuses.append(api("POST", "/api/v1/dumps", dump))
        took.append(time.monotonic() - t)

    seen = len(stored_ms())
    with Sampler() as s:
        threads = [threading.Thread(target=post) for _ in range(4)]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            latencies.append(healthz_ms())
            time.sleep(0.02)
        for t in threads:
            t.join()
    notes = (f"answers {sorted(statuses)} in {min(took):.1f}-{max(took):.1f} s; /healthz meanwhile "
             f"({len(latencies)} asked) p50 {percentile(latencies, 0.5):.0f} ms, p99 "
             f"{percentile(latencies, 0.99):.0f} ms, max {max(latencies):.0f} ms")
    stored = stored_ms()[seen:]
    if stored:
        notes += f"; each stored {min(stored)}-{max(stored)} ms after it was accepted"
    return s, notes


if "5" in PATTERNS:
    item = {"name": "Item %d", "manufacturer": "Bench Works", "brand": "Bench", "category": "Bench",
            "images": ["http://127.0.0.1:9/none.png"]}
    items = []
    size = 0
    while size < 29 * MiB:
        entry = dict(item, name="Item %d" % len(items), manufacturer="M" * 200)
        items.append(entry)
        size += len(json.dumps(entry)) + 2
    dump = json.dumps({"items": items}).encode()
    s, notes = four_parallel_dumps(dump)
    record(f"4 parallel dumps of {len(dump) / MiB:.0f} MiB ({len(items)} items)", s, notes)

# --- 6. four large dumps that are accepted: 1,000 items x 20 images (the limits), ~28 MiB ------
if "6" in PATTERNS:
    # Every image fails at once (a loopback address the fetcher refuses), so what is measured is
    # the server's own work: parsing, 20,000 image rows stored, the result document.
    items = [{"name": "Item %d" % i, "manufacturer": "M" * 1000, "brand": "B", "category": "C",
              "images": ["http://127.0.0.1:9/%d/%d/%s.png" % (i, j, "p" * 1380) for j in range(20)]}
             for i in range(1000)]
    dump = json.dumps({"items": items}).encode()
    s, notes = four_parallel_dumps(dump)
    record(f"4 parallel accepted dumps of {len(dump) / MiB:.0f} MiB (1000 items x 20 images)", s,
           notes)
