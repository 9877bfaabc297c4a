"""gunicorn's workers: what they hold once the site is loaded is kept out of the garbage
collector's full passes (a pause every few hundred requests, the slow tail of a page)."""

import gc

from tests.core.test_time_limits import load_gunicorn_conf


def test_a_worker_freezes_what_it_loaded_before_its_first_request(monkeypatch):
    conf = load_gunicorn_conf(monkeypatch)
    gc.unfreeze()
    try:
        conf["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 1000  # the modules and objects this process holds
        assert gc.get_count()[0] < 100  # and the young generation starts empty
    finally:
        gc.unfreeze()
