"""Send the heavy reads of staff reports to a read replica, when one is configured.

Set DATABASE_REPLICA_URL and wrap the read in ``replica_reads()`` (a context manager and
decorator). Everything else, and everything when no replica is configured, uses the
primary. Writes never go to the replica.
"""

import contextvars
from contextlib import contextmanager
from functools import wraps

from django.conf import settings

_use_replica = contextvars.ContextVar("use_replica", default=False)
REPLICA = "replica"


@contextmanager
def _replica_context():
    token = _use_replica.set(True)
    try:
        yield
    finally:
        _use_replica.reset(token)


class replica_reads:
    """``with replica_reads(): ...`` or ``@replica_reads()`` on a view."""

    def __enter__(self):
        self._cm = _replica_context()
        return self._cm.__enter__()

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)

    def __call__(self, func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            with _replica_context():
                return func(*args, **kwargs)

        return wrapper


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _use_replica.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same data

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"
