"""Which parts `make test` runs the integration and e2e layers on."""
from __future__ import annotations

import pytest

from tests.support.containers import StackUnavailable, choose


def never_asked() -> bool:
    raise AssertionError("Docker was asked although the choice did not depend on it")


def test_auto_takes_containers_where_a_docker_engine_answers():
    assert choose("auto", lambda: True) == "containers"
    assert choose("", lambda: True) == "containers"


def test_auto_takes_the_local_stack_without_a_docker_engine():
    assert choose("auto", lambda: False) == "local"


def test_local_is_local_even_with_docker():
    assert choose("local", never_asked) == "local"


def test_containers_without_docker_is_refused_with_the_reason():
    with pytest.raises(StackUnavailable, match="no Docker engine"):
        choose("containers", lambda: False)
    assert choose("Containers", lambda: True) == "containers"


def test_an_unknown_choice_is_refused():
    with pytest.raises(StackUnavailable, match="choose one of auto, local, containers"):
        choose("kubernetes", lambda: True)
