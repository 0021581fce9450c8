# The two commands a newcomer needs: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test install lint demo clean serve production-settings messages

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

## make messages: compile the translations (locale/*/LC_MESSAGES/django.po -> .mo, not committed). Needs
## gettext's msgfmt (Debian/Ubuntu: apt-get install gettext; macOS: brew install gettext).
messages: install
	@command -v msgfmt >/dev/null || { \
		echo "msgfmt not found: the Urdu pages need compiled translations. Install gettext" \
			"(Debian/Ubuntu: sudo apt-get install gettext; macOS: brew install gettext) and run make again."; \
		exit 2; }
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=bench --ignore=staticfiles

## make run: set up, migrate SQLite, load demo data if the database is empty, then serve on 127.0.0.1:$(PORT)
## beside one task worker and the scheduler (README, "Background work"); Ctrl-C stops all three.
run: install messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --if-empty
	exec $(BIN)/python -m marketplace.jobs.supervisor \
		"web=$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)" \
		"worker=$(BIN)/python manage.py run_worker" \
		"scheduler=$(BIN)/python manage.py run_schedule"

## make serve: production mode: DEBUG off, migrate, collect static files (whitenoise serves them from their
## manifest), then gunicorn on $(HOST):$(PORT). Needs SECRET_KEY and ALLOWED_HOSTS; behind a TLS proxy also
## BEHIND_HTTPS_PROXY=true (README, "Production"). WEB_CONCURRENCY sets gunicorn's worker count.
HOST ?= 127.0.0.1
serve: export DEBUG = false
# production-settings first: with DEBUG off, compiling the messages already needs SECRET_KEY.
serve: install production-settings messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput
	exec $(BIN)/gunicorn marketplace.wsgi --bind $(HOST):$(PORT) --access-logfile -

production-settings:
	@if [ -z "$$SECRET_KEY" ] || [ -z "$$ALLOWED_HOSTS" ]; then \
		echo "make serve runs with DEBUG off and needs SECRET_KEY (32+ random characters) and ALLOWED_HOSTS"; \
		echo "(comma-separated host names), e.g.:"; \
		echo "  SECRET_KEY=\$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') ALLOWED_HOSTS=crafts.example make serve"; \
		exit 2; \
	fi

## make test: set up and run the whole test suite
test: install messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make lint: ruff, and the import-linter contracts of pyproject.toml (the layers between the apps)
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) db.sqlite3* staticfiles
