"""What bench/pages.py runs the site with: manage.py in the benchmark's environment, the
site and the plain floor (bench/floor/) under gunicorn, and wrk, whose output it reads."""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
FLOOR_DIR = ROOT / "bench" / "floor"  # the plain floor's own Django project


def sh(*cmd, env=None, check=True, capture=False):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=check, text=True, capture_output=capture)


def bench_env(args, **extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=args.db,
        DJANGO_COUNTER_FLUSH_SECONDS=str(args.flush_seconds),
        # wrk is one address making thousands of requests a minute: a flood by design.
        DJANGO_COUNTER_FLOOD_PER_ADDRESS="0",
        DJANGO_COUNTER_FLOOD_PER_READER="0",
    )
    if args.redis:
        env["REDIS_URL"] = args.redis
    else:
        env.pop("REDIS_URL", None)
    env.pop("DJANGO_DEBUG", None)
    env.update(extra)
    return env


def manage(args, *cmd, capture=False):
    return sh(PY, "manage.py", *cmd, env=bench_env(args), capture=capture)


def django_shell(args, code):
    out = manage(args, "shell", "-c", code, capture=True)
    return out.stdout.strip().splitlines()[-1]


def floor_env(args):
    """The plain floor's environment: the benchmark's database, its own settings."""
    env = dict(os.environ)
    env.update(DJANGO_SETTINGS_MODULE="floor.settings", DATABASE_URL=args.db)
    return env


def start_server(args, access_log=None):
    """The site under gunicorn on --port."""
    return gunicorn(args, "config.wsgi:application", args.port, ROOT, bench_env(args), access_log)


def start_floor(args):
    """The plain floor project (bench/floor/) under the same gunicorn settings on
    --floor-port."""
    return gunicorn(args, "floor.wsgi:application", args.floor_port, FLOOR_DIR, floor_env(args))


def probe_path(args, port):
    """A cheap URL each server answers with 200: to wait for it to start and drain."""
    return "/plain/" if port == args.floor_port else "/robots.txt"


def gunicorn(args, app, port, cwd, env, access_log=None):
    cmd = [
        str(Path(PY).parent / "gunicorn"),
        app,
        "--chdir",
        str(cwd),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--log-level",
        "warning",
        "--graceful-timeout",
        "20",
    ]
    if args.worker_class == "gthread":
        cmd += ["--threads", str(args.threads)]
    if access_log:
        cmd += ["--access-logfile", str(access_log), "--access-logformat", '%(s)s "%(r)s"']
    server = subprocess.Popen(cmd, cwd=cwd, env=env, start_new_session=True)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{probe_path(args, port)}", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"gunicorn did not start: {app} on port {port}")


def stop_server(server):
    os.killpg(server.pid, signal.SIGTERM)  # graceful: workers flush their counters
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def _ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    if not m:
        print(f"   (could not read wrk's latency {text!r})")
        return float("nan")
    return float(m[1]) * UNITS[m[2]]


def drain(args, url):
    """Wait until the server has answered what wrk left queued (sync workers go on with
    accepted requests after wrk stops), so the next page starts on an idle server."""
    parts = urllib.parse.urlsplit(url)
    probe = probe_path(args, parts.port)
    urllib.request.urlopen(f"{parts.scheme}://{parts.netloc}{probe}", timeout=300).read()


def wrk(args, url, duration, connections, headers=(), threads=2):
    cmd = [
        "wrk",
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    for header in headers:
        cmd += ["-H", header]
    out = sh(*cmd, url, capture=True).stdout
    drain(args, url)
    if "Requests/sec" not in out or "50%" not in out or " 0 requests in" in out:
        raise SystemExit(f"wrk gave no result for {url}:\n{out}")
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M)[1]),
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M)[1]),
        "requests": int(re.search(r"(\d+) requests in", out)[1]),
        "errors": 0,
    }
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["errors"] = (int(non2xx[1]) if non2xx else 0) + (
        sum(map(int, sock.groups())) if sock else 0
    )
    return result
