"""Where view counts, visits and "online now" are kept.

Two stores with one interface:

- ``DatabaseStore`` (no REDIS_URL): every counted view or visit is an atomic UPDATE
  (``F("views") + 1``); the 30-minute "seen" marks and online-now live in this process
  (Django's local cache and a dict), which is exact for one server process.
- ``RedisStore`` (REDIS_URL set): one Lua script per request checks the "seen" marks,
  adds to a pending hash and refreshes the online-now sets in a single round trip, so a
  page never waits on a database write. ``flush()`` moves the pending counts to the
  database exactly once (see ``CounterFlush``); a background thread in each process
  flushes every few seconds and again at exit. Displayed figures are stored + pending.

Counting never makes a page fail: a store error is logged and the request goes on.
"""

import atexit
import logging
import threading
import time
import uuid
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F

log = logging.getLogger(__name__)

SITE = "site"


def scope_for_unit(unit_id):
    return f"u{unit_id}"


def _unit_of_scope(scope):
    return None if scope == SITE else int(scope[1:])


# --- Applying counts to the database ---------------------------------------------------


def apply_views(counts):
    """counts: {article_id: n}. One UPDATE per distinct n (usually 1 or 2 statements)."""
    from .models import Article

    by_n = defaultdict(list)
    for article_id, n in counts.items():
        if n > 0:
            by_n[n].append(article_id)
    for n, ids in by_n.items():
        Article.objects.filter(pk__in=ids).update(views=F("views") + n)


def apply_visits(counts):
    """counts: {(scope, date): n}: add n to that day's row, creating it if needed."""
    from .models import DailyVisits

    for (scope, day), n in counts.items():
        if n <= 0:
            continue
        unit_id = _unit_of_scope(scope)
        rows = DailyVisits.objects.filter(date=day)
        rows = rows.filter(unit__isnull=True) if unit_id is None else rows.filter(unit_id=unit_id)
        if rows.update(visits=F("visits") + n):
            continue
        try:
            with transaction.atomic():
                DailyVisits.objects.create(unit_id=unit_id, date=day, visits=n)
        except IntegrityError:  # another process created the row first
            rows.update(visits=F("visits") + n)


# --- The stores -----------------------------------------------------------------------


class LocalMarks:
    """ "Seen" marks in this process's memory, for when the shared cache is down. Bounded:
    the oldest marks go first when it is full."""

    def __init__(self, limit=200_000):
        self._marks = {}
        self._counts = {}
        self._lock = threading.Lock()
        self._limit = limit

    def add(self, key, seconds):
        now = time.time()
        with self._lock:
            expires = self._marks.get(key)
            if expires is not None and expires > now:
                return False
            if len(self._marks) >= self._limit:
                for old in sorted(self._marks, key=self._marks.get)[: self._limit // 10]:
                    del self._marks[old]
            self._marks[key] = now + seconds
            return True

    def incr(self, key, seconds):
        """A counter that lives ``seconds``; returns its new value."""
        now = time.time()
        with self._lock:
            value, expires = self._counts.get(key, (0, 0))
            if expires <= now:
                value, expires = 0, now + seconds
            self._counts[key] = (value + 1, expires)
            if len(self._counts) > self._limit:
                self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
            return value + 1


class DatabaseStore:
    """Counts straight into the database; "seen" marks in the cache (in this process's
    memory while the cache is down), online-now in this process."""

    buffered = False
    last_article_pending = 0  # counts are never pending here
    last_flush_generation = None  # stored counts change with every view

    def __init__(self):
        self._online = defaultdict(dict)  # scope -> {(kind, visitor): last seen}
        self._lock = threading.Lock()
        self._local_marks = LocalMarks()

    def _first_in_window(self, key, seconds):
        try:
            return cache.add(key, 1, seconds)
        except Exception:
            return self._local_marks.add(key, seconds)

    def _flooding(self, ip, visitor, now):
        """More article requests this minute from this address or reader than allowed."""
        minute = int(now // 60)
        flood = False
        for key, limit in (
            (f"flood:ip:{ip}:{minute}", settings.COUNTER_FLOOD_PER_ADDRESS if ip else 0),
            (f"flood:v:{visitor}:{minute}", settings.COUNTER_FLOOD_PER_READER),
        ):
            if limit <= 0:
                continue
            try:
                cache.add(key, 0, 120)
                seen = cache.incr(key)
            except Exception:  # no shared cache: this process's memory
                seen = self._local_marks.incr(key, 120)
            flood = flood or seen > limit
        return flood

    def track(self, *, visitor, member, scopes, article_id=None, ip=None, now=None, day=None):
        """Record one counted request. Returns (article_counted, [scopes with a new visit])."""
        now = now or time.time()
        day = day or _today()
        window = settings.COUNTER_VISIT_WINDOW
        article_counted = False
        if article_id is not None and self._flooding(ip, visitor, now):
            article_id = None  # an obvious flood: served, not counted
        if article_id is not None and self._first_in_window(
            f"seen:a:{article_id}:{visitor}", window
        ):
            apply_views({article_id: 1})
            article_counted = True
        new_visits = [s for s in scopes if self._first_in_window(f"seen:v:{s}:{visitor}", window)]
        if new_visits:
            apply_visits({(s, day): 1 for s in new_visits})
        kind = "m" if member else "g"
        with self._lock:
            for scope in scopes:
                self._online[scope][(kind, visitor)] = now
        return article_counted, new_visits

    def online(self, scope, now=None):
        """(guests, members) seen in the last COUNTER_ONLINE_WINDOW seconds."""
        cutoff = (now or time.time()) - settings.COUNTER_ONLINE_WINDOW
        with self._lock:
            seen = self._online.get(scope, {})
            for key in [k for k, t in seen.items() if t < cutoff]:
                del seen[key]
            guests = sum(1 for kind, _ in seen if kind == "g")
            return guests, len(seen) - guests

    def pending_views(self, article_ids):
        return {}

    def pending_visits(self, scope, day):
        return 0

    def flush(self):
        return 0, 0


# KEYS: 1 pending hash, 2 the article's "seen" mark, 3 this address's flood counter,
#       4 this reader's flood counter, 5 the batch being flushed, then for each scope:
#       its "seen" mark, its online set.
# Returns {article counted (1) / not (0) / flood (-1), the article's pending count, the
#          flush generation (bumped by every applied batch), the scopes with a new visit...}.
# The last key is the flush generation's.
# ARGV: visitor, now, day, visit window, online window, kind ("g"/"m"), scope count,
#       article id ("" for none), per-address limit, per-reader limit (0 = none),
#       then the scope names.
_TRACK_LUA = """
local visitor, now, day = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local window, online_window, kind = tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6]
local n, article = tonumber(ARGV[7]), ARGV[8]
local ip_limit, visitor_limit = tonumber(ARGV[9]), tonumber(ARGV[10])
local pending = KEYS[1]
local generation = redis.call("GET", KEYS[#KEYS])
if not generation then
  -- Start from the clock, so a restarted Redis never hands out an old generation.
  generation = string.format("%d", math.floor(now * 1000))
  redis.call("SET", KEYS[#KEYS], generation)
end
local result = {0, 0, tonumber(generation)}
if article ~= "" then
  local flood = false
  for i, limit in ipairs({ip_limit, visitor_limit}) do
    if limit > 0 then
      local seen = redis.call("INCR", KEYS[2 + i])
      if seen == 1 then redis.call("EXPIRE", KEYS[2 + i], 60) end
      if seen > limit then flood = true end
    end
  end
  if flood then
    result[1] = -1
  elseif redis.call("SET", KEYS[2], "1", "NX", "EX", window) then
    redis.call("HINCRBY", pending, "a:" .. article, 1)
    result[1] = 1
  end
  result[2] = tonumber(redis.call("HGET", pending, "a:" .. article) or "0")
    + tonumber(redis.call("HGET", KEYS[5], "a:" .. article) or "0")
end
for i = 1, n do
  local scope = ARGV[10 + i]
  local seen, online = KEYS[4 + 2 * i], KEYS[5 + 2 * i]
  if redis.call("SET", seen, "1", "NX", "EX", window) then
    redis.call("HINCRBY", pending, "v:" .. scope .. "|" .. day, 1)
    result[#result + 1] = scope
  end
  redis.call("ZADD", online, now, kind .. ":" .. visitor)
  redis.call("ZREMRANGEBYSCORE", online, "-inf", now - online_window)
  redis.call("EXPIRE", online, online_window * 2)
end
return result
"""


# Pending counts of some fields, in the pending hash plus the batch being flushed: one
# call, no pipeline object to build (which costs more than the round trip).
_PENDING_LUA = """
local result = {}
for i, field in ipairs(ARGV) do
  result[i] = tonumber(redis.call("HGET", KEYS[1], field) or "0")
    + tonumber(redis.call("HGET", KEYS[2], field) or "0")
end
return result
"""


class RedisStore:
    """Counts into Redis, flushed to the database in exactly-once batches."""

    buffered = True

    def __init__(self, url, prefix):
        import redis

        self.redis_errors = (redis.RedisError, OSError)
        self.client = redis.Redis.from_url(
            url, socket_connect_timeout=1, socket_timeout=1, health_check_interval=30
        )
        self.prefix = prefix
        self.pending_key = f"{prefix}pending"
        self.flushing_key = f"{prefix}flushing"
        self.lock_key = f"{prefix}flush-lock"
        # Bumped each time a batch has been applied to the database: stored counts read
        # under one generation hold until the next (see articles.views.stored_views).
        self.generation_key = f"{prefix}flushed"
        self._track = self.client.register_script(_TRACK_LUA)
        self._sum_pending = self.client.register_script(_PENDING_LUA)
        self.last_article_pending = 0
        self.last_flush_generation = None
        self._thread = None
        self._fallback = DatabaseStore()

    def _online_key(self, scope, kind):
        return f"{self.prefix}online:{scope}:{kind}"

    def track(self, *, visitor, member, scopes, article_id=None, ip=None, now=None, day=None):
        now = now or time.time()
        day = day or _today()
        kind = "m" if member else "g"
        minute = int(now // 60)
        keys = [
            self.pending_key,
            f"{self.prefix}seen:a:{article_id}:{visitor}",
            f"{self.prefix}flood:ip:{ip}:{minute}",
            f"{self.prefix}flood:v:{visitor}:{minute}",
            self.flushing_key,
        ]
        for scope in scopes:
            keys += [f"{self.prefix}seen:v:{scope}:{visitor}", self._online_key(scope, kind)]
        keys.append(self.generation_key)
        args = [
            visitor,
            now,
            day.isoformat(),
            settings.COUNTER_VISIT_WINDOW,
            settings.COUNTER_ONLINE_WINDOW,
            kind,
            len(scopes),
            "" if article_id is None else article_id,
            settings.COUNTER_FLOOD_PER_ADDRESS if ip else 0,
            settings.COUNTER_FLOOD_PER_READER,
            *scopes,
        ]
        try:
            result = self._track(keys=keys, args=args)
        except self.redis_errors as exc:
            # Redis is down: count in the database instead (without the shared "seen"
            # marks), so no reader's view is lost while it is away.
            log.warning("counter store unavailable, counting in the database: %s", exc)
            self.last_article_pending, self.last_flush_generation = 0, None
            return self._fallback.track(
                visitor=visitor, member=member, scopes=scopes, article_id=article_id, ip=ip, day=day
            )
        self._ensure_flusher()
        self.last_article_pending = int(result[1])
        self.last_flush_generation = int(result[2])
        return result[0] == 1, [s.decode() if isinstance(s, bytes) else s for s in result[3:]]

    def online(self, scope, now=None):
        cutoff = (now or time.time()) - settings.COUNTER_ONLINE_WINDOW
        try:
            pipe = self.client.pipeline(transaction=False)
            pipe.zcount(self._online_key(scope, "g"), cutoff, "+inf")
            pipe.zcount(self._online_key(scope, "m"), cutoff, "+inf")
            guests, members = pipe.execute()
        except self.redis_errors as exc:
            log.warning("online-now unavailable: %s", exc)
            return self._fallback.online(scope, now)
        return int(guests), int(members)

    def _pending(self, fields):
        try:
            return [
                int(n)
                for n in self._sum_pending(keys=[self.pending_key, self.flushing_key], args=fields)
            ]
        except self.redis_errors as exc:
            log.warning("pending counts unavailable: %s", exc)
            return [0] * len(fields)

    def pending_views(self, article_ids):
        ids = list(article_ids)
        if not ids:
            return {}
        return dict(zip(ids, self._pending([f"a:{i}" for i in ids]), strict=True))

    def pending_visits(self, scope, day):
        return self._pending([f"v:{scope}|{day.isoformat()}"])[0]

    def flush(self):
        """Apply pending counts to the database. Returns (views, visits) applied."""
        token = uuid.uuid4().hex
        try:
            if not self.client.set(self.lock_key, token, nx=True, ex=120):
                return 0, 0  # another process is flushing
        except self.redis_errors as exc:
            log.warning("cannot flush counters: %s", exc)
            return 0, 0
        total_views = total_visits = 0
        try:
            # A batch left by a process that died mid-flush goes first.
            for _ in range(2):
                if not self.client.exists(self.flushing_key):
                    try:
                        self.client.rename(self.pending_key, self.flushing_key)
                    except self.redis_errors:
                        break  # nothing pending
                    self.client.hsetnx(self.flushing_key, "batch", uuid.uuid4().hex)
                views, visits = self._apply_flushing()
                total_views += views
                total_visits += visits
        except self.redis_errors as exc:
            log.warning("counter flush interrupted (will resume): %s", exc)
        finally:
            try:
                if self.client.get(self.lock_key) == token.encode():
                    self.client.delete(self.lock_key)
            except self.redis_errors:
                pass
        return total_views, total_visits

    def _apply_flushing(self):
        from .models import CounterFlush

        raw = self.client.hgetall(self.flushing_key)
        batch = raw.pop(b"batch", b"").decode() or uuid.uuid4().hex
        views, visits = {}, {}
        for field, value in raw.items():
            name, n = field.decode(), int(value)
            if name.startswith("a:"):
                views[int(name[2:])] = n
            elif name.startswith("v:"):
                scope, day = name[2:].split("|")
                visits[(scope, date.fromisoformat(day))] = n
        with transaction.atomic():
            if not CounterFlush.objects.filter(batch=batch).exists():
                apply_views(views)
                apply_visits(visits)
                CounterFlush.objects.create(
                    batch=batch, views=sum(views.values()), visits=sum(visits.values())
                )
        pipe = self.client.pipeline(transaction=True)
        pipe.delete(self.flushing_key)
        pipe.set(self.generation_key, int(time.time() * 1000), nx=True)
        pipe.incr(self.generation_key)
        pipe.execute()
        return sum(views.values()), sum(visits.values())

    def _ensure_flusher(self):
        if self._thread is not None and self._thread.is_alive():
            return
        interval = settings.COUNTER_FLUSH_INTERVAL
        if not interval:
            return
        self._thread = threading.Thread(
            target=self._flush_forever, args=(interval,), name="counter-flusher", daemon=True
        )
        self._thread.start()

    def _flush_forever(self, interval):
        from django.db import close_old_connections

        while True:
            time.sleep(interval)
            try:
                self.flush()
            except Exception:  # never let the flusher die; the next round retries
                log.exception("counter flush failed")
            finally:
                close_old_connections()


def _today():
    from django.utils import timezone

    return timezone.localdate()


_store = None
_store_lock = threading.Lock()
_exit_hook = False


def get_store():
    """The process's counter store, chosen by settings.COUNTER_STORE ("redis"/"database")."""
    global _store, _exit_hook
    if _store is None:
        with _store_lock:
            if _store is None:
                if settings.COUNTER_STORE == "redis" and settings.REDIS_URL:
                    _store = RedisStore(settings.REDIS_URL, settings.COUNTER_KEY_PREFIX)
                    if not _exit_hook:
                        # A clean shutdown (gunicorn's graceful stop, Ctrl+C) writes
                        # what is still pending.
                        atexit.register(_flush_at_exit)
                        _exit_hook = True
                else:
                    _store = DatabaseStore()
    return _store


def reset_store():
    """Forget the process's store (tests switch settings)."""
    global _store
    _store = None


def flush_on_exit():
    """Write what this process still buffers (gunicorn's worker_exit hook and atexit)."""
    if _store is not None and _store.buffered:
        try:
            _store.flush()
        except Exception:
            log.exception("counter flush at exit failed")


_flush_at_exit = flush_on_exit
