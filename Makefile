# `make run` sets everything up and runs the system; `make test` sets up and runs the checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The settings read PORT too: links (SITE_URL's default) name the port served.
export PORT
export DJANGO_SETTINGS_MODULE ?= cms.settings.dev

.PHONY: install run test bench lighthouse lint messages clean

$(BIN)/.installed: requirements.txt constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --rehearsal
	@echo
	@echo "  Trang web / site:   http://127.0.0.1:$(PORT)/"
	@echo "  Quản trị / admin:   http://127.0.0.1:$(PORT)/admin/"
	@echo "  Đăng nhập / login:  $$($(BIN)/python manage.py demo_login)"
	@echo
	exec $(BIN)/python manage.py run_all --port $(PORT)

lint: install
	$(BIN)/ruff check .

test: lint
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python -m pytest

# The benchmarks' targets are set on PostgreSQL + Redis: those (as in .ci/run) unless
# the environment names others. REQUIRE_SERVICES=1: a missing service fails the run.
bench: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
bench: export CELERY_BROKER_URL ?= redis://127.0.0.1:6379/1
bench: export REQUIRE_SERVICES ?= 1
bench: install
	bash .ci/bench-setup
	DJANGO_SETTINGS_MODULE=cms.settings.test RUN_BENCHMARKS=1 $(BIN)/python -m pytest tests/benchmarks -s -p no:cacheprovider

# Lighthouse (phone profile) on the home, message and search pages; npm installs it
# under var/ the first time.
lighthouse: install
	DJANGO_SETTINGS_MODULE=cms.settings.test RUN_BENCHMARKS=1 $(BIN)/python -m pytest tests/benchmarks/test_lighthouse.py -s -p no:cacheprovider

messages: install
	for app in cms campaigns media schedules; do (cd $$app && ../$(BIN)/python ../manage.py makemessages -l vi --no-obsolete); done

clean:
	rm -rf $(VENV) var
