"""The counter store on Redis: one Lua call per request, pending counts flushed to the
database exactly once."""

import json
import logging
import threading
import time
import uuid
from datetime import date

from django.conf import settings
from django.db import transaction

from .common import (
    LocalCopies,
    TrackResult,
    _today,
    apply_views,
    apply_visits,
)
from .database import DatabaseStore

log = logging.getLogger(__name__)


_TRACK_FUNCTION = """
local function track(p, count, visitor, now_s, day, window, online_window, kind, article,
                     ip, ip_limit, reader_limit, flood_window, scopes)
  local now = tonumber(now_s)
  local generation = redis.call("GET", p .. "flushed")
  if not generation then
    -- Start from the clock, so a restarted Redis never hands out an old generation.
    generation = string.format("%d", math.floor(now * 1000))
    redis.call("SET", p .. "flushed", generation)
  end
  local result = {0, 0, tonumber(generation)}
  if count then
    -- Sliding windows: a log of admitted requests per address and per reader.
    local gates = {}
    if ip ~= "" and ip_limit > 0 then gates[#gates + 1] = {p .. "flood:ip:" .. ip, ip_limit} end
    if reader_limit > 0 then gates[#gates + 1] = {p .. "flood:v:" .. visitor, reader_limit} end
    for _, gate in ipairs(gates) do
      redis.call("ZREMRANGEBYSCORE", gate[1], "-inf", now - flood_window)
      if redis.call("ZCARD", gate[1]) >= gate[2] then result[1] = -1 end
    end
    if result[1] == 0 then
      for _, gate in ipairs(gates) do
        redis.call("ZADD", gate[1], now, visitor .. "@" .. now_s)
        redis.call("EXPIRE", gate[1], flood_window + 1)
      end
      if article ~= "" and redis.call("SET", p .. "seen:a:" .. article .. ":" .. visitor,
                                      "1", "NX", "EX", window) then
        redis.call("HINCRBY", p .. "pending", "a:" .. article, 1)
        result[1] = 1
      end
      for _, scope in ipairs(scopes) do
        if redis.call("SET", p .. "seen:v:" .. scope .. ":" .. visitor, "1", "NX", "EX", window) then
          redis.call("HINCRBY", p .. "pending", "v:" .. scope .. "|" .. day, 1)
          result[#result + 1] = scope
        end
        -- Readers gone for longer than the window are trimmed by online(), which
        -- counts from the cutoff anyway: not on every request.
        local online = p .. "online:" .. scope .. ":" .. kind
        redis.call("ZADD", online, now, visitor)
        redis.call("EXPIRE", online, online_window * 2)
      end
    end
  end
  if article ~= "" then
    result[2] = tonumber(redis.call("HGET", p .. "pending", "a:" .. article) or "0")
      + tonumber(redis.call("HGET", p .. "flushing", "a:" .. article) or "0")
  end
  return result
end
"""

# ARGV: prefix, count (1/0), visitor, now, day, visit window, online window, kind
#       ("g"/"m"), article id ("" for none), address ("" for none), per-address limit,
#       per-reader limit, flood window, then the scopes.
_TRACK_LUA = (
    _TRACK_FUNCTION
    + """
local scopes = {}
for i = 14, #ARGV do scopes[#scopes + 1] = ARGV[i] end
return track(ARGV[1], ARGV[2] == "1", ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6]),
             tonumber(ARGV[7]), ARGV[8], ARGV[9], ARGV[10], tonumber(ARGV[11]),
             tonumber(ARGV[12]), tonumber(ARGV[13]), scopes)
"""
)

# A cached page's hit in one round trip: the entry (KEYS[1], a hash), the counting of
# this request with the article and unit the entry names, and the entry's live
# fragment. ARGV as for _TRACK_LUA, without the article id and the scopes (those come
# from the entry), then the revision of the copy the caller holds ("" for none).
# Returns {0} on a miss; else {1, body and headers (both "" when the caller holds this
# revision), article, unit, the fragment's name, the fragment or "", csrf (1/0), the
# revision, then what track() returns}.
_HIT_LUA = (
    _TRACK_FUNCTION
    + """
-- The body and headers only when the caller does not hold this very copy (ARGV[13]:
-- the revision it holds): a busy page's 50 kB are not sent on every hit.
local entry = redis.call("HMGET", KEYS[1], "rev", "headers", "article", "unit", "fragment",
                        "csrf")
if not entry[1] then return {0} end
local body = ""
if entry[1] == ARGV[13] then entry[2] = "" else body = redis.call("HGET", KEYS[1], "body") end
local p, article, unit = ARGV[1], entry[3], entry[4]
local scopes = {"site"}
if unit ~= "" then scopes[2] = "u" .. unit end
local counted = track(p, ARGV[2] == "1", ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6]),
                      tonumber(ARGV[7]), ARGV[8], article, ARGV[9], tonumber(ARGV[10]),
                      tonumber(ARGV[11]), tonumber(ARGV[12]), scopes)
local fragment = ""
if entry[5] ~= "" then fragment = redis.call("GET", p .. "frag:" .. entry[5]) or "" end
local result = {1, body, entry[2], article, unit, entry[5], fragment, entry[6], entry[1]}
for _, value in ipairs(counted) do result[#result + 1] = value end
return result
"""
)


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


def _text(value):
    return value.decode() if isinstance(value, bytes) else value


class RedisStore:
    """Counts into Redis, flushed to the database in exactly-once batches; cached pages
    as Redis hashes, so that a hit is served and counted in one round trip.

    The counting Lua is ours, not a library's: one call has to check the "seen" marks
    and flood windows, add to the pending hash and refresh online-now atomically, and
    return the pending figure and flush generation the page shows."""

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
        # under one generation hold until the next (see articles.pages.article_state).
        self.generation_key = f"{prefix}flushed"
        self._track = self.client.register_script(_TRACK_LUA)
        self._hit = self.client.register_script(_HIT_LUA)
        self._sum_pending = self.client.register_script(_PENDING_LUA)
        self._thread = None
        self._fallback = DatabaseStore()
        # Copies of cached pages this process has served, by key: (revision, body,
        # headers). A hit that finds the same revision in Redis needs no body from it.
        self._copies = LocalCopies()

    def _online_key(self, scope, kind):
        return f"{self.prefix}online:{scope}:{kind}"

    def _args(self, reader, now, day):
        return [
            self.prefix,
            1 if reader.counts else 0,
            reader.visitor,
            repr(now),
            day.isoformat(),
            settings.COUNTER_VISIT_WINDOW,
            settings.COUNTER_ONLINE_WINDOW,
            "m" if reader.member else "g",
        ]

    def _limits(self, reader):
        return [
            reader.ip or "",
            settings.COUNTER_FLOOD_PER_ADDRESS,
            settings.COUNTER_FLOOD_PER_READER,
            settings.COUNTER_FLOOD_WINDOW,
        ]

    @staticmethod
    def _result(values):
        status = int(values[0])
        return TrackResult(
            counted_view=status == 1,
            flooded=status == -1,
            new_visits=tuple(_text(s) for s in values[3:]),
            pending_views=int(values[1]),
            generation=int(values[2]),
        )

    def track(self, reader, *, scopes, article_id=None, now=None, day=None):
        """Count one request (see TrackResult). Reads the article's pending views and the
        flush generation even when the request does not count."""
        now = now or time.time()
        day = day or _today()
        args = [
            *self._args(reader, now, day),
            "" if article_id is None else article_id,
            *self._limits(reader),
            *scopes,
        ]
        try:
            values = self._track(args=args)
        except self.redis_errors as exc:
            # Redis is down: count in the database instead (without the shared "seen"
            # marks), so no reader's view is lost while it is away.
            log.warning("counter store unavailable, counting in the database: %s", exc)
            return self._fallback.track(reader, scopes=scopes, article_id=article_id, day=day)
        self._ensure_flusher()
        return self._result(values)

    def hit(self, key, reader, now=None):
        """A cached page and the counting of this request, in one round trip: (the entry
        or None, TrackResult or None on a miss)."""
        now = now or time.time()
        held = self._copies.get(key)
        args = [
            *self._args(reader, now, _today()),
            *self._limits(reader),
            held[0] if held else "",
        ]
        try:
            values = self._hit(keys=[self.prefix + key], args=args)
        except self.redis_errors as exc:
            log.warning("page cache unavailable: %s", exc)
            return None, None
        if int(values[0]) == 0:
            return None, None
        self._ensure_flusher()
        body, headers, article, unit, scope, fragment, csrf, revision = values[1:9]
        if body:
            held = (revision, body, json.loads(headers))
            self._copies.put(key, held)
        entry = {
            "body": held[1],
            "headers": held[2],
            "article": int(article) if article else None,
            "unit": int(unit) if unit else None,
            "csrf": csrf == b"1",
            "fragment": _text(scope) or None,
            "fragment_html": _text(fragment) or None,
        }
        return entry, self._result(values[9:])

    def save_page(self, key, entry, seconds):
        fields = {
            "rev": uuid.uuid4().hex,
            "body": entry["body"],
            "csrf": 1 if entry["csrf"] else 0,
            "headers": json.dumps(entry["headers"]),
            "article": "" if entry["article"] is None else entry["article"],
            "unit": "" if entry["unit"] is None else entry["unit"],
            "fragment": entry["fragment"] or "",
        }
        try:
            pipe = self.client.pipeline(transaction=False)
            pipe.hset(self.prefix + key, mapping=fields)
            pipe.expire(self.prefix + key, seconds)
            pipe.execute()
        except self.redis_errors as exc:
            log.warning("page cache unavailable: %s", exc)

    def fragment(self, name):
        try:
            return _text(self.client.get(f"{self.prefix}frag:{name}"))
        except self.redis_errors:
            return None

    def save_fragment(self, name, html, seconds):
        try:
            self.client.set(f"{self.prefix}frag:{name}", html.encode(), ex=seconds)
        except self.redis_errors as exc:
            log.warning("page cache unavailable: %s", exc)

    def online(self, scope, now=None):
        cutoff = (now or time.time()) - settings.COUNTER_ONLINE_WINDOW
        try:
            pipe = self.client.pipeline(transaction=False)
            for kind in ("g", "m"):
                pipe.zremrangebyscore(self._online_key(scope, kind), "-inf", f"({cutoff}")
                pipe.zcount(self._online_key(scope, kind), cutoff, "+inf")
            _, guests, _, members = pipe.execute()
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
        from ..models import CounterFlush

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
