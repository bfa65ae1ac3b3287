#!/usr/bin/env python3
"""Small writes next to a large import, over HTTP, against the app run as its own process (SQLite).

Starts the built FactCheck.Web.dll (Development: demo accounts and the seed article) on a fresh
database and a free loopback port, signs in as the lead, then posts a comment through /api/v1 every
100 ms while it imports one large document through POST /api/documents. Prints the comments' latency
(p50/p95/max) before and during the import, how many failed, and the import's total time (to the
document being complete: 201 on the old synchronous import, 202 plus polling the job on the queue).

    python3 tests/FactCheck.Benchmarks/import_contention.py PATH/TO/FactCheck.Web.dll [--megabytes 10]
"""
import argparse, http.cookiejar, json, os, re, shutil, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCS = os.path.join(ROOT, "tests", "FactCheck.Extraction.Tests", "Documents")


def synthetic(size):
    """The extraction tests' news documents repeated, digits shifted per copy (as BenchmarkDocuments.Synthetic)."""
    names = ["seed-article.txt", "wire-story.txt", "press-release.md", "speech-transcript.txt"]
    sources = [open(os.path.join(DOCS, n), encoding="utf-8").read() for n in names]
    parts, total, copy = [], 0, 0
    while total < size:
        text = "".join(chr(48 + (ord(c) - 48 + copy) % 10) if "0" <= c <= "9" else c for c in sources[copy % len(sources)])
        text += f"\n\nEdition {copy}.\n\n"
        parts.append(text)
        total += len(text.encode("utf-8"))
        copy += 1
    return "".join(parts)[:size].rsplit("\n\n", 1)[0]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.headers = {}

    def request(self, method, path, body=None, content_type=None, timeout=1800):
        data = body.encode("utf-8") if isinstance(body, str) else body
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=dict(self.headers))
        if content_type:
            req.add_header("Content-Type", content_type)
        try:
            with self.opener.open(req, timeout=timeout) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def sign_in(self, email, password="Demo-pass-1"):
        _, form = self.request("GET", "/Account/Login")
        token = re.search(r'name="__RequestVerificationToken" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode({"__RequestVerificationToken": token, "_handler": "login", "Input.Email": email, "Input.Password": password})
        status, _ = self.request("POST", "/Account/Login", body, "application/x-www-form-urlencoded")
        assert status == 302, status
        _, af = self.request("GET", "/api/v1/antiforgery")
        af = json.loads(af)
        self.headers[af["headerName"]] = af["token"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dll")
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--label", default="")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="factcheck-bench-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Development", ConnectionStrings__FactCheck=f"Data Source={os.path.join(folder, 'factcheck.db')}",
               Demo__Story="false", Logging__LogLevel__Default="Warning", Security__LoginAttemptsPerMinute="1000",
               Extraction__EmbeddingPass="false", Import__EmbedClaims="false")
    app = subprocess.Popen(["dotnet", args.dll, "--urls", base], cwd=os.path.dirname(args.dll), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 180
        while True:
            try:
                if urllib.request.urlopen(base + "/health", timeout=5).status == 200:
                    break
            except Exception:
                pass
            if time.time() > deadline:
                raise SystemExit("the app did not start")
            time.sleep(0.5)

        lead = Client(base)
        lead.sign_in("lead@factcheck.local")
        importer = Client(base)
        importer.sign_in("lead@factcheck.local")
        claim = json.loads(lead.request("GET", "/api/v1/claims?pageSize=1")[1])["items"][0]["id"]
        text = synthetic(int(args.megabytes * 1024 * 1024))

        samples = []  # (started, seconds, status)
        stop = threading.Event()

        def comments():
            n = 0
            while not stop.is_set():
                started = time.time()
                try:
                    status, _ = lead.request("POST", f"/api/v1/claims/{claim}/comments", json.dumps({"text": f"Checking figure {n}."}), "application/json", timeout=120)
                except Exception:
                    status = 0
                samples.append((started, time.time() - started, status))
                n += 1
                time.sleep(max(0, 0.1 - (time.time() - started)))

        writer = threading.Thread(target=comments)
        writer.start()
        time.sleep(10)
        import_start = time.time()
        status, body = importer.request("POST", "/api/documents?title=Ten%20megabytes", text, "text/plain")
        answered = time.time() - import_start
        if status == 202:
            job_url = json.loads(body)["url"]
            while True:
                job = json.loads(importer.request("GET", job_url)[1])
                if job["status"] in ("Matching", "Completed", "Failed"):
                    break
                time.sleep(0.5)
            outcome = f"202 in {answered:.1f} s, job {job['status']} with {job['claims']} claims"
        else:
            outcome = f"{status} ({len(json.loads(body).get('claims', [])) if status < 300 else body[:200]} claims)"
        import_end = time.time()
        time.sleep(5)
        stop.set()
        writer.join()

        def summary(rows):
            ok = [s for _, s, st in rows if 200 <= st < 300]
            failed = [st for _, _, st in rows if not 200 <= st < 300]
            return (f"n={len(rows)} ok={len(ok)} failed={len(failed)} p50={percentile(ok, 50) * 1000:.0f} ms p95={percentile(ok, 95) * 1000:.0f} ms "
                    f"max={max(ok) * 1000 if ok else float('nan'):.0f} ms")

        before = [r for r in samples if r[0] < import_start]
        during = [r for r in samples if import_start <= r[0] <= import_end]
        print(f"{args.label} document {len(text.encode('utf-8')) / 1048576:.1f} MB: import {outcome}; complete after {import_end - import_start:.1f} s")
        print(f"{args.label} comments before the import: {summary(before)}")
        print(f"{args.label} comments during the import: {summary(during)}")
        with open("/proc/loadavg") as f:
            print(f"{args.label} loadavg: {f.read().strip()}")
    finally:
        app.kill()
        app.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    import urllib.parse
    main()
