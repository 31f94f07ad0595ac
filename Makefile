# The README's two commands are `make run` and `make test`; both call scripts/dev, which
# finds Python 3.12+, creates .venv and installs what is missing.
.PHONY: run test install check lint format

run:            ## serve the site with demo data on SQLite at http://127.0.0.1:8000/
	@scripts/dev run

test:           ## the whole suite: SQLite, then PostgreSQL + Redis when reachable
	@scripts/dev test $(ARGS)

install:        ## create .venv and install dependencies
	@scripts/dev install

check: install  ## Django's system checks and the migrations check
	.venv/bin/python manage.py check
	.venv/bin/python manage.py makemigrations --check --dry-run

lint: install   ## ruff
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: install
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .
