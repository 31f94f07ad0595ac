"""The real site under gunicorn, started by tests that must see it as production does
(debug off, hashed static files, several worker processes)."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def collect_static(static_root):
    """`collectstatic` into `static_root`, as a deploy does before starting gunicorn."""
    env = {**os.environ, "DJANGO_STATIC_ROOT": str(static_root), "DJANGO_DEBUG": "1"}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )


def start_gunicorn(port, env, *, static_root=None, unset=(), quiet=False):
    """Start gunicorn with deploy/gunicorn.conf.py on 127.0.0.1:`port`; return the process
    once it answers (any HTTP status counts as an answer). `env` adds to this process's
    environment; the names in `unset` are taken out of it."""
    env = {
        **os.environ,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        **env,
    }
    for name in ("DJANGO_DEBUG", *unset):
        env.pop(name, None)
    if static_root:
        env["DJANGO_STATIC_ROOT"] = str(static_root)
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    proc = subprocess.Popen(
        [gunicorn, "-c", "deploy/gunicorn.conf.py", "config.wsgi:application"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
            return proc
        except urllib.error.HTTPError:
            return proc
        except OSError:
            time.sleep(0.1)
    stop(proc)
    pytest.fail("gunicorn did not start")


def stop(proc):
    """Graceful stop (SIGTERM to the whole group): each worker flushes what is pending."""
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)
