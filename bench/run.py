"""`make bench`: how fast the main pages are, as ratios against a baseline.

Every figure is compared with a baseline measured in the same run, so the figures mean the
same on a slow or a busy machine (docs/performance.md has a run and how to read it):

1. In process, with Django's test client: the guide page from the cache and without it,
   the career list, search and compare, against /healthz (one trivial query); the
   dashboard with 2, 200 and 2,000 results; `career_list()` with 1, 5 and 10 words and one
   misspelt word (corrected, then searched again), each search cancelled after
   BENCH_SEARCH_DEADLINE seconds (30 by default) so a slow one cannot hang the run.
2. Over HTTP: gunicorn (2 workers, production settings) on 127.0.0.1 under `wrk` (Debian's
   package), each page's requests per second against a bare Django view on the same
   server, with p99 and errors: the anonymous pages with and without the page cache; a
   signed-in member's dashboard, newest result and plan with 2, 200 and 2,000 results;
   then 1,000 generated guides (bench/synthetic.py) and the careers list, search with 1,
   5 and 10 words and a guide page at that size; last, each worker's resident memory
   after BENCH_MEMORY_AFTER (20,000) requests.

The database is a throw-away SQLite file under var/bench/ with the shipped guides, or,
with BENCH_DATABASE_URL=postgres://..., a scratch PostgreSQL database that the run
empties and refills (never point it at one whose data you want). BENCH_PARTS picks
parts (see PARTS); BENCH_HTTP=0 skips the gunicorn ones. Traffic goes only to the
loopback address and each run is bounded in time.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = os.environ.get("BENCH_DURATION", "5s")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))

os.environ["DJANGO_SETTINGS_MODULE"] = "careerguide.settings"
SEARCH_DEADLINE = float(os.environ.get("BENCH_SEARCH_DEADLINE", "30"))
SEARCHES = [  # plain words found in many shipped guides; the last two of ten are ignored
    "cloud",
    "cloud engineer builds and runs",
    "a cloud engineer builds and runs the systems on aws",
]
TYPO_SEARCH = "kubrenetes"  # corrected to "kubernetes" (docs/search.md)

os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or (
    f"sqlite:///{WORK / 'bench.sqlite3'}"
)
# On PostgreSQL the search deadline is the statement timeout of every connection.
os.environ["DATABASE_STATEMENT_TIMEOUT_MS"] = str(int(SEARCH_DEADLINE * 1000))
os.environ["DJANGO_DEBUG"] = "1"
os.environ.pop("REDIS_URL", None)
# One secret key for this process and the gunicorn it starts, so that a member's session
# made here (members' pages over HTTP) is valid there; a fresh one every run.
os.environ["DJANGO_SECRET_KEY"] = "bench-only-" + os.urandom(32).hex()
sys.path.insert(0, str(ROOT))


def prepare():
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the in-process parts' test client: any of them may run first

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_guides", "--publish", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    extract = ROOT / "occupations" / "data" / "oews"
    call_command("import_oews", str(extract), stdout=open(os.devnull, "w"))  # noqa: SIM115


def timed(client, path, rounds, before=None, repeats=3):
    best = None
    for _ in range(repeats):
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


@contextmanager
def deadline(seconds):
    """Stop the SQLite statement still running after `seconds` (PostgreSQL: see above)."""
    from django.db import connections
    from django.db.backends.signals import connection_created

    wrapper = connections["default"]
    if wrapper.vendor != "sqlite":
        yield  # every PostgreSQL connection has statement_timeout set to the deadline
        return
    end = time.monotonic() + seconds

    def past_deadline():
        return time.monotonic() > end  # true makes SQLite abort the statement

    def install(connection=None, **kwargs):
        (connection or wrapper).connection.set_progress_handler(past_deadline, 100_000)

    # Also on a connection Django opens meanwhile (it may reconnect between requests).
    wrapper.ensure_connection()
    install()
    connection_created.connect(install)
    try:
        yield
    finally:
        connection_created.disconnect(install)
        if wrapper.connection is not None:
            wrapper.connection.set_progress_handler(None, 0)


def timed_search(query):
    """Best of three rounds of `career_list(query=...)`, or None past the deadline."""
    from django.db import OperationalError

    from guide.selectors import career_list

    def run(rounds):
        start = time.perf_counter()
        for _ in range(rounds):
            list(career_list(query=query))
        return (time.perf_counter() - start) / rounds

    try:
        with deadline(SEARCH_DEADLINE):
            first = run(1)
    except OperationalError:
        return None
    rounds = max(1, min(ROUNDS, int(0.5 / first)))
    try:
        with deadline(SEARCH_DEADLINE):
            return min([first] + [run(rounds) for _ in range(3)])
    except OperationalError:
        return first  # one round fitted in the deadline, three more did not


DASHBOARD_SIZES = (2, 200, 2000)


def _history(user, count):
    """`count` results for `user`: real skills-gap snapshots of the Amazon Engineer guide,
    cloned, with alternating target levels and dates a day apart (bulk-inserted, not
    scored one by one). One career at every size, so only the history's length changes."""
    import uuid
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from assessments import services
    from assessments.models import Result
    from assessments.selectors import career_for_assessment

    Result.objects.filter(user=user).delete()
    templates = []
    for slug in ("amazon-engineer",):
        career = career_for_assessment(slug=slug)
        for n, level in enumerate(list(career.levels.all())[:2]):
            ratings = {cs.skill_id: (n + i) % 5 for i, cs in enumerate(career.career_skills.all())}
            result, _ = services.result_create_skills(
                user=user, career=career, level=level, ratings=ratings, submission_key=uuid.uuid4()
            )
            templates.append(result)
    Result.objects.filter(user=user).delete()
    now = timezone.now()
    rows = []
    for n in range(count):
        t = templates[n % len(templates)]
        rows.append(
            Result(
                user=user,
                career=t.career,
                career_title=t.career_title,
                career_slug=t.career_slug,
                kind=t.kind,
                target_level=t.target_level,
                score=(n * 7) % 100,
                items=t.items,
                recommendations=t.recommendations,
                snapshot_version=t.snapshot_version,
                guide_updated_at=t.guide_updated_at,
            )
        )
    Result.objects.bulk_create(rows, batch_size=500)
    with transaction.atomic():
        ids = Result.objects.filter(user=user).order_by("pk").values_list("pk", flat=True)
        for n, pk in enumerate(list(ids)):
            Result.objects.filter(pk=pk).update(created_at=now - timedelta(days=count - n))


def dashboard_cost():
    """The signed-in dashboard with 2, 200 and 2,000 results in the history."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.create_user(email="bench@example.com", password="x" * 20)
    client = Client()
    client.force_login(user)
    baseline = timed(client, "/healthz", ROUNDS)
    rows = []
    for size in DASHBOARD_SIZES:
        _history(user, size)
        # Best of five rounds: on a shared machine the ratio is what is compared.
        seconds = timed(client, "/assessments/", max(10, ROUNDS // 10), repeats=5)
        kib = len(client.get("/assessments/").content) / 1024
        rows.append((size, seconds, kib))
    first = rows[0][1]
    print(
        f"\nDashboard /assessments/ by results in the history, baseline /healthz = "
        f"{baseline * 1e3:.2f} ms"
    )
    print(f"{'results':>7} {'ms':>9} {'× 2 results':>12} {'× baseline':>11} {'KiB':>8}")
    for size, seconds, kib in rows:
        print(
            f"{size:7} {seconds * 1e3:9.2f} {seconds / first:12.2f} "
            f"{seconds / baseline:11.1f} {kib:8.1f}"
        )


def search_cost():
    from django.db import connection
    from django.test import Client

    client = Client()
    baseline = timed(client, "/healthz", ROUNDS)
    rows = [(str(len(query.split())), timed_search(query)) for query in SEARCHES]
    one_word = rows[0][1]
    # A typo: the search finds nothing, corrects the word against the vocabulary, runs again.
    rows.append(("1, typo", timed_search(TYPO_SEARCH)))
    print(
        f"\nSearch, guide.selectors.career_list() by number of words ({connection.vendor}; "
        f"cancelled after {SEARCH_DEADLINE:g} s), baseline /healthz = {baseline * 1e3:.2f} ms"
    )
    print(f"{'words':>7} {'ms':>10} {'× 1 word':>9} {'× baseline':>11}")
    for words, seconds in rows:
        if seconds is None:
            print(
                f"{words:>7} {'> ' + format(SEARCH_DEADLINE * 1e3, '.0f'):>10} {'-':>9} {'-':>11}"
            )
        else:
            print(
                f"{words:>7} {seconds * 1e3:10.2f} {seconds / one_word:9.1f} "
                f"{seconds / baseline:11.1f}"
            )


HTTP_PAGES = [  # (name, path): the anonymous pages issue 14 sets targets for
    ("guide page", "/careers/amazon-engineer/"),
    ("guide, pay where you live", "/careers/amazon-engineer/?area=S5300000#where-you-live"),
    ("careers list", "/careers/"),
    ("careers list ?q=cloud", "/careers/?q=cloud"),
    ("home", "/"),
    ("compare", "/careers/compare/?a=amazon-engineer&b=cloud-engineer"),
]
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
SYNTHETIC_GUIDES = int(os.environ.get("BENCH_SYNTHETIC_GUIDES", "1000"))
MEMORY_AFTER = int(os.environ.get("BENCH_MEMORY_AFTER", "20000"))  # requests, then read RSS


def _wrk(wrk, url, headers=()):
    """(requests per second, p99 in ms, errors, requests) for one URL under `CONNECTIONS`
    connections; `headers` are extra request headers ("Cookie: ...")."""
    command = [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    lines = out.splitlines()
    rps = float(next(ln for ln in lines if ln.startswith("Requests/sec")).split()[1])
    requests = int(next(ln for ln in lines if " requests in " in ln).split()[0])
    p99 = next(ln for ln in lines if ln.strip().startswith("99%")).split()[1]
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", p99).groups()
    p99_ms = float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
    errors = 0
    for ln in lines:
        if "Non-2xx or 3xx responses" in ln:
            errors += int(ln.split(":")[1])
        if ln.strip().startswith("Socket errors"):
            errors += sum(int(part.split()[-1]) for part in ln.split(":", 1)[1].split(","))
    return rps, p99_ms, errors, requests


class Server:
    """gunicorn (2 workers) on 127.0.0.1:PORT with the bench settings; counts the requests
    wrk sends it, so its workers' memory can be read after a known number."""

    def __init__(self, env):
        self.wrk = shutil.which("wrk")
        self.base = f"http://127.0.0.1:{PORT}"
        self.requests = 0
        self.log = open(WORK / "gunicorn.log", "a")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "careerguide.wsgi", "--bind", f"127.0.0.1:{PORT}",
             "--workers", "2", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        for _ in range(100):
            try:
                _get(self.base + "/bench/bare/")
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()

    def load(self, path, headers=()):
        result = _wrk(self.wrk, self.base + path, headers)
        self.requests += result[3]
        return result

    def settle(self):
        """Wait until the workers have answered what wrk left queued (its last requests
        outlive the run on a slow page), so the next step starts on an idle server."""
        _get(self.base + "/bench/bare/", timeout=120)

    def warm(self, paths, headers=()):
        for path in paths:  # both workers, every page, before anything is timed
            for _ in range(4):
                _get(self.base + path, headers)
                self.requests += 1

    def table(self, label, pages, headers=()):
        """Bare Django first, then each page: req/s, ratio to bare, p99, errors."""
        self.warm([path for _name, path in pages], headers)
        bare, bare_p99, _errors, _n = self.load("/bench/bare/")
        print(f"\n{label}: bare Django {bare:.0f} req/s, p99 {bare_p99:.1f} ms")
        print(f"{'page':36} {'req/s':>8} {'ratio':>6} {'p99 ms':>7} {'errors':>6}")
        for name, path in pages:
            rps, p99, errors, _n = self.load(path, headers)
            # wrk reports a p99 of 0 when no request finished within its 2 s timeout.
            shown = f"{p99:7.1f}" if p99 > 0 else f"{'> 2000':>7}"
            print(f"{name:36} {rps:8.0f} {rps / bare:6.2f} {shown} {errors:6d}")
            self.settle()

    def worker_memory(self):
        """(pid, VmRSS in MB) of each gunicorn worker, from /proc."""
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        rows = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            kb = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))
            rows.append((int(pid), kb / 1024))
        return rows


def _get(url, headers=(), timeout=10):
    """GET `url` (loopback only); the response's Set-Cookie headers."""
    import urllib.request

    request = urllib.request.Request(url.split("#")[0])  # noqa: S310 - loopback only
    for header in headers:
        name, value = header.split(": ", 1)
        request.add_header(name, value)
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        response.read()
        return response.headers.get_all("Set-Cookie") or []


def _http_env():
    """Production settings (DEBUG off, hashed static files, the shared cache)."""
    from cryptography.fernet import Fernet

    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "MFA_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_STATEMENT_TIMEOUT_MS": "5000",
    }
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    for step in (["collectstatic", "--noinput", "-v0"], ["createcachetable", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *step], cwd=ROOT, env=env, check=True)
    return env


def _http_heading(env):
    cache = "Redis" if "REDIS_URL" in env else "the database cache"
    return (
        f"production settings, {cache}; gunicorn 2 workers; wrk -t2 -c{CONNECTIONS} "
        f"-d{DURATION} --latency; ratio = req/s ÷ bare Django in the same run"
    )


def over_http(env):
    """Each anonymous page as a ratio of a bare Django view on the same server in the same
    run, with p99 latency and errors; once with the public page cache and once without
    (PUBLIC_PAGE_CACHE=0)."""
    print(f"\nAnonymous pages over HTTP ({_http_heading(env)})")
    for label, switch in (("with the public page cache", "1"), ("without it", "0")):
        server = Server({**env, "PUBLIC_PAGE_CACHE": switch})
        try:
            server.table(label, HTTP_PAGES)
            if switch == "1":  # wrk asks for no compression; every browser asks for gzip
                server.table(f"{label}, {AS_BROWSERS[0]}", HTTP_PAGES, headers=AS_BROWSERS)
        finally:
            server.stop()


AS_BROWSERS = ["Accept-Encoding: gzip, deflate, br"]  # what Chromium and Firefox send


def _member_session(user) -> str:
    """A signed-in session for `user`, valid for the gunicorn started with the same secret
    key and database (the session table is the database's)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def members_over_http(env):
    """Dashboard, newest result and plan for one member with 2, 200 and 2,000 results,
    signed in (wrk sends the session cookie); the page cache cannot serve them."""
    from django.contrib.auth import get_user_model

    from assessments import services
    from assessments.models import Result
    from guide.models import Career

    user = get_user_model().objects.create_user(email="member@example.com", password="x" * 20)
    services.plan_start(user=user, career=Career.objects.get(slug="amazon-engineer"))
    session = f"sessionid={_member_session(user)}"
    print(f"\nMembers' pages over HTTP, signed in ({_http_heading(env)})")
    server = Server({**env, "PUBLIC_PAGE_CACHE": "1"})
    try:
        # The CSRF cookie a browser keeps after its first page (the plan page's forms).
        plan = "/assessments/plan/amazon-engineer/"
        plan_cookies = _get(server.base + plan, [f"Cookie: {session}"])
        csrf = next(c.split(";")[0] for c in plan_cookies if c.startswith("csrftoken="))
        cookie = f"Cookie: {session}; {csrf}"
        for size in DASHBOARD_SIZES:
            _history(user, size)
            newest = Result.objects.filter(user=user).latest("created_at", "pk").pk
            pages = [
                ("dashboard", "/assessments/"),
                ("newest result", f"/assessments/results/{newest}/"),
                ("plan", plan),
            ]
            server.table(f"{size} results", pages, headers=[cookie])
    finally:
        server.stop()


SCALE_SEARCHES = [  # (name, words): 1, 5 and 10 words (the last two of ten are not counted)
    ("search, 1 word", "cloud"),
    ("search, 5 words", "cloud engineer builds and runs"),
    ("search, 10 words", "a cloud engineer builds and runs the systems on aws"),
]


def at_scale(env):
    """SYNTHETIC_GUIDES generated published guides added to the throw-away database, then
    the careers list, search and a guide page over HTTP with and without the page cache;
    the last server's workers' memory is read after MEMORY_AFTER requests."""
    from urllib.parse import urlencode

    from django.db import connection

    from bench import synthetic
    from guide.models import Career

    start = time.perf_counter()
    slugs = synthetic.create_guides(count=SYNTHETIC_GUIDES)
    seconds = time.perf_counter() - start
    if connection.vendor == "postgresql":
        # What autovacuum does on a live database soon after such a change; without it the
        # planner still believes the handful of rows it saw before.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    published = Career.objects.published().count()
    print(
        f"\nAt scale: {len(slugs)} synthetic guides generated and loaded in {seconds:.0f} s; "
        f"{published} published guides in all ({_http_heading(env)})"
    )
    pages = [
        ("careers list", "/careers/"),
        *((name, "/careers/?" + urlencode({"q": words})) for name, words in SCALE_SEARCHES),
        ("guide page (a synthetic one)", f"/careers/{slugs[len(slugs) // 2]}/"),
    ]
    server = None
    for label, switch in (("without the page cache", "0"), ("with the public page cache", "1")):
        server = Server({**env, "PUBLIC_PAGE_CACHE": switch})
        try:
            server.table(label, pages)
            if switch == "1":
                worker_memory(server, pages)
        finally:
            server.stop()


def worker_memory(server, pages):
    """Load the server's pages in turn until it has answered MEMORY_AFTER requests, then
    each worker's resident memory."""
    turn = 0
    while server.requests < MEMORY_AFTER:
        server.load(pages[turn % len(pages)][1])
        turn += 1
    print(f"\nWorker memory after {server.requests:,} requests (VmRSS; target < 150 MB)")
    for pid, megabytes in server.worker_memory():
        print(f"  worker {pid}: {megabytes:.0f} MB")


PARTS = ("in-process", "dashboard", "search", "anonymous", "members", "scale")


def main():
    """Every part, or only those named in BENCH_PARTS (comma-separated, from PARTS)."""
    wanted = os.environ.get("BENCH_PARTS", ",".join(PARTS)).split(",")
    if os.environ.get("BENCH_DASHBOARD_ONLY") == "1":
        wanted = ["dashboard"]
    if os.environ.get("BENCH_HTTP", "1") == "0":
        wanted = [part for part in wanted if part not in ("anonymous", "members", "scale")]
    unknown = set(wanted) - set(PARTS)
    if unknown:
        raise SystemExit(f"BENCH_PARTS: unknown {', '.join(sorted(unknown))}; from {PARTS}")
    prepare()
    for part, run in (("in-process", in_process), ("dashboard", dashboard_cost)):
        if part in wanted:
            run()
    if "search" in wanted:
        search_cost()
    http = [part for part in ("anonymous", "members", "scale") if part in wanted]
    if not http:
        return
    if shutil.which("wrk") is None:
        print("\nOver HTTP: skipped, `wrk` is not installed (apt-get install wrk).")
        return
    env = _http_env()
    steps = (("anonymous", over_http), ("members", members_over_http), ("scale", at_scale))
    for part, run in steps:
        if part in http:
            run(env)


if __name__ == "__main__":
    main()
