# Respect Online: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install install-dev demo serve test test-fast lint audit prod-smoke format migrations-check clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(RUNTIME_STAMP) $@

install: $(RUNTIME_STAMP) ## Create .venv and install the runtime dependencies

install-dev: $(DEV_STAMP) ## Create .venv and install runtime, test and lint dependencies

demo: $(RUNTIME_STAMP) ## Set up the SQLite demo (migrate; demo content, schools and progress) and serve it on 127.0.0.1:8000
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py load_demo_data
	@echo ""
	@echo "  Respect Online demo: http://$(HOST):$(PORT)/"
	@echo "  Staff sign-in (Wagtail admin): http://$(HOST):$(PORT)/admin/"
	@echo "    Content editor:   editor@example.org    / demo-editor-2026"
	@echo "    Content reviewer: reviewer@example.org  / demo-reviewer-2026"
	@echo "    Platform admin:   admin@example.org     / demo-admin-2026"
	@DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py demo_logins
	@echo ""
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py runserver $(HOST):$(PORT)

serve: $(RUNTIME_STAMP) ## Serve the local site without reloading demo data
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(DEV_STAMP) lint migrations-check ## Run lint and the whole test suite
	$(BIN)/pytest -m "not browser and not services" $(PYTEST_ARGS)
	@# Browser and service tests commit to the database (live server, real worker) and empty
	@# it afterwards, so they run on their own, in one process.
	$(BIN)/pytest -m "browser or services"

test-fast: $(DEV_STAMP) ## Run the tests without browser or service tests
	$(BIN)/pytest -m "not browser and not services" $(PYTEST_ARGS)

# pip-audit reads known vulnerabilities from PyPI's per-release JSON (pypi.org/pypi/NAME/VERSION/json).
# Where that cannot be reached it audits nothing: say so, and fail only if REQUIRE_AUDIT is set.
AUDIT_PROBE := import importlib.metadata as m, urllib.request; urllib.request.urlopen("https://pypi.org/pypi/pip-audit/" + m.version("pip-audit") + "/json", timeout=30)

lint: $(DEV_STAMP) ## Check Python (ruff, mypy, bandit), dependencies (pip-audit), templates (djLint) and deploy/ YAML
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy accounts config courses schools/services schools/models schools/permissions.py schools/pupil_codes.py schools/roster schools/pupil_matching.py schools/oneroster schools/staff_social.py schools/pupil_accounts.py schools/join_links.py schools/gias schools/invitations.py learning/models learning/services learning/scoring.py learning/grid.py learning/item_analysis.py learning/exports.py learning/survey_summary.py learning/survey_release.py classroom/models classroom/services classroom/forms reports/stats.py reports/stats_clusters.py reports/stats_moments.py reports/stats_pooled.py reports/stats_subgroups.py reports/stats_arms.py reports/arm_comparison.py reports/rollup_comparison.py reports/comparison_models.py reports/stats_scales.py reports/stats_baseline.py reports/attrition.py reports/attrition_breakdowns.py reports/disclosure_flow.py reports/attrition_stages.py reports/follow_up.py reports/dashboard_attrition.py reports/audit_attrition.py reports/evaluator_attrition.py reports/disclosure.py reports/disclosure_audit.py reports/disclosure_linked.py reports/disclosure_cube.py reports/publication.py reports/publication_models.py reports/models.py reports/protocol.py reports/protocol_models.py reports/protocol_forms.py reports/demo_protocol.py reports/rollups.py reports/rollup_bands.py reports/rollup_scales.py reports/rollup_sums.py reports/rollup_questions.py reports/rollup_protocols.py reports/protocol_left_out.py reports/dashboard_questions.py reports/audit_protocols.py reports/rollup_totals.py reports/rollup_scale_totals.py reports/terms.py reports/tasks.py reports/export_queue.py schools/roster_queue.py schools/retention schools/tasks/retention.py schools/views/retention.py schools/views/rights.py schools/templatetags schools/management/commands/apply_retention.py schools/rate_limits.py schools/access_log.py schools/staff_sign_in.py learning/sensitive_items.py learning/forms learning/partitioning learning/tasks.py
	$(BIN)/djlint --lint templates courses/templates schools/templates accounts/templates learning/templates classroom/templates reports/templates
	$(BIN)/djlint --check templates courses/templates schools/templates accounts/templates learning/templates classroom/templates reports/templates
	$(BIN)/yamllint --strict -c .yamllint.yaml deploy
	$(BIN)/bandit -c pyproject.toml -r . -q
	@if $(BIN)/python -c '$(AUDIT_PROBE)' 2>/dev/null; then \
		$(BIN)/pip-audit --strict --local --progress-spinner off; \
	elif [ -n "$(REQUIRE_AUDIT)" ]; then \
		echo "pip-audit: PyPI's vulnerability data cannot be reached from here, and REQUIRE_AUDIT is set." >&2; exit 1; \
	else \
		echo "WARNING: dependencies NOT audited: PyPI's vulnerability data cannot be reached from here." >&2; \
		echo "         Run 'make audit' where it can be, or set REQUIRE_AUDIT=1 to make this fail." >&2; \
	fi

audit: $(DEV_STAMP) ## Check installed packages for known vulnerabilities (fails if PyPI's data cannot be reached)
	$(BIN)/pip-audit --strict --local --progress-spinner off

prod-smoke: $(DEV_STAMP) ## Run gunicorn, two Celery workers and beat with production settings on PostgreSQL and Redis, and check the journeys
	$(BIN)/python deploy/prod_smoke.py

format: $(DEV_STAMP) ## Format Python and templates in place
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djlint --reformat templates courses/templates schools/templates accounts/templates learning/templates classroom/templates reports/templates

migrations-check: $(DEV_STAMP) ## Fail if a model change has no migration
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

clean: ## Remove the virtualenv, the demo database and caches
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache
