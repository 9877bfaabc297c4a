"""`make bench`: how fast the main pages are, as ratios against a baseline.

Two parts, each comparing against a baseline measured in the same run, so the figures
mean the same on a slow or a busy machine:

1. In process, with Django's test client: rendering the guide page from the cache and
   without it, the career list and search, against /healthz (one trivial query).
2. Over HTTP: gunicorn serving the site on 127.0.0.1 with real load from `wrk`
   (Debian's package), requests per second for each page against /healthz.

The database is a throw-away SQLite file under var/bench/ with the shipped guides.
Traffic goes only to the loopback address and each run is bounded in time.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = os.environ.get("BENCH_DURATION", "5s")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))

os.environ["DJANGO_SETTINGS_MODULE"] = "careerguide.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["DJANGO_DEBUG"] = "1"
os.environ.pop("REDIS_URL", None)
sys.path.insert(0, str(ROOT))


def prepare():
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_guides", "--publish", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def timed(client, path, rounds, before=None):
    best = None
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(rounds):
            if before:
                before()
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        elapsed = (time.perf_counter() - start) / rounds
        best = elapsed if best is None else min(best, elapsed)
    return best


def in_process():
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    client = Client()
    baseline = timed(client, "/healthz", ROUNDS)
    rows = [
        ("guide page, cached", timed(client, "/careers/amazon-engineer/", ROUNDS)),
        (
            "guide page, not cached",
            timed(client, "/careers/amazon-engineer/", max(ROUNDS // 10, 5), before=cache.clear),
        ),
        ("career list", timed(client, "/careers/", ROUNDS)),
        ("search ?q=cloud", timed(client, "/careers/?q=cloud", ROUNDS)),
        (
            "compare two careers",
            timed(client, "/careers/compare/?a=amazon-engineer&b=cloud-engineer", ROUNDS),
        ),
    ]
    print(f"\nIn process (Django test client), baseline /healthz = {baseline * 1e3:.2f} ms")
    print(f"{'page':28} {'ms':>8} {'× baseline':>11}")
    for name, seconds in rows:
        print(f"{name:28} {seconds * 1e3:8.2f} {seconds / baseline:11.1f}")


def over_http():
    wrk = shutil.which("wrk")
    if wrk is None:
        print("\nOver HTTP: skipped, `wrk` is not installed (apt-get install wrk).")
        return
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "careerguide.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        import urllib.request

        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)

        def rps(path):
            out = subprocess.run(
                [wrk, "-t2", "-c8", f"-d{DURATION}", f"http://127.0.0.1:{PORT}{path}"],
                capture_output=True,
                text=True,
                check=True,
                timeout=120,
            ).stdout
            line = next(ln for ln in out.splitlines() if ln.startswith("Requests/sec"))
            if "Non-2xx" in out:
                raise SystemExit(f"{path}: some responses were not 2xx:\n{out}")
            return float(line.split()[1])

        baseline = rps("/healthz")
        print(f"\nOver HTTP (gunicorn, 2 workers; wrk -t2 -c8 -d{DURATION})")
        print(f"baseline /healthz = {baseline:.0f} req/s")
        print(f"{'page':28} {'req/s':>8} {'÷ baseline':>11}")
        for name, path in [
            ("guide page (cached)", "/careers/amazon-engineer/"),
            ("career list", "/careers/"),
            ("search ?q=cloud", "/careers/?q=cloud"),
            ("home", "/"),
        ]:
            value = rps(path)
            print(f"{name:28} {value:8.0f} {value / baseline:11.2f}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    prepare()
    in_process()
    over_http()
