"""Two app instances behind a real load balancer (HAProxy with deploy/haproxy.cfg) on one
PostgreSQL and one Redis: what a member, an editor and an unlucky burst of submissions
see when any instance may answer, and when one dies.

Runs when the suite runs on PostgreSQL with REDIS_URL (`.ci/run` does, with
CLUSTER_REQUIRE=1 so that a missing balancer or database fails instead of skipping).
scripts/install-balancer installs HAProxy from Debian's packages.
"""

import os
import shutil
import threading
import time
import uuid
from collections import Counter

import pytest
import requests
from django.db import connections

from .cluster import (
    GUIDE_SLUG,
    PASSWORD,
    STAFF_EMAIL,
    Cluster,
    ClusterUnavailable,
    copy_database,
    csrf_token,
    drop_database,
)

# The mark makes pytest-django create the suite's test database, which the cluster's own
# database is copied from; the tests themselves reach the cluster only over HTTP.
pytestmark = pytest.mark.django_db
REQUIRED = os.environ.get("CLUSTER_REQUIRE", "") == "1"
GUIDE_PATH = f"/careers/{GUIDE_SLUG}/"


def _unavailable(reason: str):
    if REQUIRED:
        pytest.fail(f"CLUSTER_REQUIRE=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker, tmp_path_factory):
    db = connections["default"].settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        _unavailable("the two-instance test needs PostgreSQL (DATABASE_URL); this run is SQLite")
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        _unavailable("the two-instance test needs a shared Redis (REDIS_URL)")
    if shutil.which("haproxy") is None:
        _unavailable("HAProxy is not installed (scripts/install-balancer installs it)")
    template = db["NAME"]
    name = f"{template.removeprefix('test_')}_cluster"
    with django_db_blocker.unblock():
        connections.close_all()  # CREATE DATABASE ... TEMPLATE needs the template unused
        try:
            copy_database(db, template=template, name=name)
        except ClusterUnavailable as error:
            _unavailable(str(error))
    running = Cluster(
        database=name, db_settings=db, redis_url=redis_url, workdir=tmp_path_factory.mktemp("c")
    )
    try:
        running.start()
        yield running
    finally:
        running.stop()
        drop_database(db, name)


def sign_up(cluster: Cluster, email: str) -> requests.Session:
    browser = cluster.browser()
    url = cluster.url + "/accounts/signup/"
    form = browser.get(url)
    answer = browser.post(
        url,
        data={
            "csrfmiddlewaretoken": csrf_token(form.text),
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        headers={"Referer": url},
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[:2000]
    return browser


def sign_in(cluster: Cluster, browser: requests.Session, email: str) -> None:
    url = cluster.url + "/accounts/login/"
    form = browser.get(url)
    answer = browser.post(
        url,
        data={"csrfmiddlewaretoken": csrf_token(form.text), "login": email, "password": PASSWORD},
        headers={"Referer": url},
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[:2000]


def sign_out(cluster: Cluster, browser: requests.Session) -> None:
    url = cluster.url + "/accounts/logout/"
    form = browser.get(url)
    answer = browser.post(
        url,
        data={"csrfmiddlewaretoken": csrf_token(form.text)},
        headers={"Referer": url},
        allow_redirects=False,
    )
    assert answer.status_code == 302


def dashboard_visits(cluster: Cluster, browser: requests.Session, times: int = 6) -> Counter:
    """Open the member's dashboard `times` times; how often each instance answered."""
    served = Counter()
    for _ in range(times):
        page = browser.get(cluster.url + "/assessments/", allow_redirects=False)
        assert page.status_code == 200, f"signed out on {page.headers.get('X-Served-By')}"
        assert "Log out" in page.text
        served[page.headers["X-Served-By"]] += 1
    return served


def test_the_balancer_passes_on_a_request_id_or_makes_one(cluster):
    browser = cluster.browser()
    mine = browser.get(cluster.url + "/healthz", headers={"X-Request-ID": "support-ticket-4711"})
    assert mine.headers["X-Request-ID"] == "support-ticket-4711"
    made = browser.get(cluster.url + "/healthz")
    # HAProxy's uuid() has dashes; the app's own ids (uuid4().hex) have none: so the id
    # returned is the one the balancer made and sent on.
    made_id = made.headers["X-Request-ID"]
    assert uuid.UUID(made_id) and made_id.count("-") == 4
    served = cluster.instance(made.headers["X-Served-By"])
    logged = f'"request_id": "{made_id}"'
    for _ in range(50):  # the instance's JSON log line, written as the answer leaves
        if logged in served.log.read_text():
            break
        time.sleep(0.1)
    assert logged in served.log.read_text()
    plain = requests.get(f"http://127.0.0.1:{cluster.http_port}/healthz", allow_redirects=False)
    assert plain.status_code == 301
    assert plain.headers["Location"].startswith("https://")


def test_a_member_stays_signed_in_whichever_instance_answers(cluster):
    email = "member@cluster.test"
    browser = sign_up(cluster, email)
    assert set(dashboard_visits(cluster, browser)) == {"app1", "app2"}

    sign_out(cluster, browser)
    page = browser.get(cluster.url + "/assessments/", allow_redirects=False)
    assert page.status_code == 302

    sign_in(cluster, browser, email)
    assert set(dashboard_visits(cluster, browser)) == {"app1", "app2"}


def test_staff_publish_on_one_instance_and_the_other_shows_it_at_once(cluster):
    (career_id,) = cluster.sql("SELECT id FROM guide_career WHERE slug = %s", GUIDE_SLUG)[0]
    for instance in cluster.instances:  # the public page cached whole on both
        instance.get(GUIDE_PATH)
        assert instance.get(GUIDE_PATH).headers["X-Page-Cache"] == "hit"
        assert GUIDE_PATH in instance.get("/careers/").text

    staff = cluster.browser()
    sign_in(cluster, staff, STAFF_EMAIL)
    changelist = cluster.url + "/admin/guide/career/"

    def admin_action(action: str) -> str:
        form = staff.get(changelist)
        assert form.status_code == 200
        done = staff.post(
            changelist,
            data={
                "csrfmiddlewaretoken": csrf_token(form.text),
                "action": action,
                "_selected_action": str(career_id),
                "index": "0",
                "select_across": "0",
            },
            headers={"Referer": changelist},
            allow_redirects=False,
        )
        assert done.status_code == 302, done.text[:2000]
        return done.headers["X-Served-By"]

    editor_on = admin_action("unpublish")
    other = cluster.other_than(editor_on)
    assert other.get(GUIDE_PATH).status_code == 404
    assert GUIDE_PATH not in other.get("/careers/").text

    editor_on = admin_action("publish")
    other = cluster.other_than(editor_on)
    page = other.get(GUIDE_PATH)
    assert page.status_code == 200
    assert page.headers["X-Page-Cache"] == "miss"
    assert GUIDE_PATH in other.get("/careers/").text


def test_an_instance_dies_mid_burst_and_every_submission_is_stored_once(cluster):
    """Clients send results with a submission key and retry on any failure with the same
    key; one instance is killed after a quarter of the burst."""
    email = "burst@cluster.test"
    sign_up(cluster, email)
    client = cluster.browser()
    token = client.post(
        cluster.url + "/api/v1/auth/token/", json={"email": email, "password": PASSWORD}
    ).json()["token"]
    auth = {"Authorization": f"Token {token}"}
    guide = client.get(f"{cluster.url}/api/v1/careers/{GUIDE_SLUG}/", headers=auth).json()
    skills = [skill["id"] for skill in guide["skills"]]
    level = guide["levels"][0]["id"]

    total, clients = 60, 6
    keys = [uuid.uuid4() for _ in range(total)]
    pending = list(keys)
    lock = threading.Lock()
    outcome = Counter()  # statuses of every attempt; "dropped": the connection closed unanswered
    answered = {}  # key -> (status of the final answer, instance)
    killed = threading.Event()
    done_at_kill = []

    def submit(session: requests.Session, key: uuid.UUID) -> None:
        body = {
            "career": GUIDE_SLUG,
            "level": level,
            "ratings": [{"skill": s, "rating": (i + key.int) % 5} for i, s in enumerate(skills)],
            "submission_key": str(key),
        }
        for _attempt in range(30):
            try:
                reply = session.post(
                    cluster.url + "/api/v1/results/skills/", json=body, headers=auth, timeout=15
                )
            except requests.ConnectionError:
                outcome["dropped"] += 1
            else:
                outcome[reply.status_code] += 1
                if reply.status_code in (200, 201):
                    assert reply.json()["kind"] == "skills"
                    with lock:
                        answered[key] = (reply.status_code, reply.headers["X-Served-By"])
                    return
                assert reply.status_code in (502, 503, 504), reply.text[:500]
            time.sleep(0.1)
        raise AssertionError(f"{key} never saved")

    def worker():
        session = cluster.browser()
        while True:
            with lock:
                if not pending:
                    return
                key = pending.pop()
            submit(session, key)

    def killer():
        while len(answered) < total // 4:
            time.sleep(0.01)
        done_at_kill.append(len(answered))
        cluster.instance("app2").kill()
        killed.set()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    threads.append(threading.Thread(target=killer))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    elapsed = time.monotonic() - started

    assert killed.is_set() and done_at_kill[0] < total  # killed in the middle of the burst
    assert len(answered) == total
    rows = cluster.sql(
        "SELECT r.submission_key FROM assessments_result r JOIN accounts_user u "
        "ON u.id = r.user_id WHERE u.email = %s",
        email,
    )
    stored = Counter(key for (key,) in rows)
    assert set(stored) == set(keys)
    assert max(stored.values()) == 1
    served_after = {answered[key][1] for key in keys[: total - done_at_kill[0] - 2 * clients]}
    assert served_after == {"app1"}
    print(  # shown with -s; docs/deploy.md quotes a run
        f"\nburst: {total} submissions, {len(rows)} stored, attempts {dict(outcome)}, "
        f"replayed as 200: {sum(1 for s, _ in answered.values() if s == 200)}, "
        f"killed after {done_at_kill[0]}, {elapsed:.1f} s"
    )
