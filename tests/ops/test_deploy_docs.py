"""docs/deploy.md shows the balancer configuration the two-instance test runs, not a copy
that could drift from it."""

import re

from tests.ops.cluster import BALANCER_CONFIG, REPO


def test_the_deploy_guide_shows_the_tested_balancer_config_word_for_word():
    guide = (REPO / "docs" / "deploy.md").read_text()
    shown = re.findall(r"```haproxy\n(.*?)```", guide, flags=re.DOTALL)
    assert shown == [BALANCER_CONFIG.read_text()]
