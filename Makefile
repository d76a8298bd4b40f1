# KIPP platform. `make up` starts everything with demo data; `make test` runs every test.
SHELL := /bin/bash
ROOT := $(abspath .)
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
export KIPP_NAMESPACE ?= kipp
export KIPP_JWT_PUBLIC_KEY_FILE ?= $(ROOT)/var/keys/jwt-public.pem
export KIPP_JWT_PRIVATE_KEY_FILE ?= $(ROOT)/var/keys/jwt-private.pem
PYTEST := $(PY) -m pytest -p no:cacheprovider

.PHONY: up down status test test-unit test-integration test-e2e venv browser infra stack bench clean

## up: venv, Kafka + FerretDB + SMTP sink, topics, the four services, demo data, then where to look
## (--demo-links: notify alone runs with NOTIFY_DEMO_LINKS=1, and a sign-in link per demo account is printed)
up: venv
	deploy/local/infra up
	$(PY) deploy/local/kipp_platform.py up --demo-links

## down: stop the services and the local infrastructure (data under var/ is kept)
down:
	-$(PY) deploy/local/kipp_platform.py down
	deploy/local/infra down

status:
	-deploy/local/infra status
	-$(PY) deploy/local/kipp_platform.py status

## test: every layer against the real parts (starts what they need if it is not running)
test: venv browser stack
	$(PYTEST) tests/unit tests/integration tests/e2e

test-unit: venv
	$(PYTEST) tests/unit

test-integration: venv stack
	$(PYTEST) tests/integration

test-e2e: venv browser stack
	$(PYTEST) tests/e2e

infra: venv
	deploy/local/infra up

## stack: the parts the tests run on: the local stack always (SMTP sink, the local store's own tests), and
## for the services MongoDB and Kafka containers where a Docker engine answers (KIPP_TEST_STACK, tests/support/containers.py)
stack: venv
	@kind="$$($(PY) -m tests.support.containers)" || exit 1; echo "test stack: $$kind"
	deploy/local/infra up

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -e '.[local,test]' --config-settings editable_mode=compat
	touch $@

## browser: Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium)
browser:
	@command -v chromium >/dev/null || { echo "installing Debian's chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }
	@command -v chromium >/dev/null || { echo "chromium could not be installed: browser tests cannot run"; exit 1; }

## bench: every benchmark of the design contract's §9, printing its figures (on the platform `make up` starts; at_rest measures it idle)
bench: up
	for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf var/log/* var/mail/*
