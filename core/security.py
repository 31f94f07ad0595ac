"""Who is asking (the client's address behind our proxies) and how often they may fail
to sign in before the account or the address is locked for a while."""

import hashlib
import ipaddress
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)


def _trusted(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXIES)


def client_ip(request):
    """The reader's address: REMOTE_ADDR, or, when that is one of our own proxies
    (settings.TRUSTED_PROXIES), the nearest address in X-Forwarded-For that is not.
    A forged X-Forwarded-For from a client that is not a proxy is ignored."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(remote):
        return remote or None
    forwarded = [
        a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
    ]
    for address in reversed(forwarded):
        try:
            ipaddress.ip_address(address)
        except ValueError:
            return remote
        if not _trusted(address):
            return address
    return remote


class LoginThrottle:
    """Failed sign-ins counted per account and per address in the cache. Past
    LOGIN_FAILURES_PER_ACCOUNT (or _PER_ADDRESS) within LOGIN_LOCKOUT_SECONDS, that
    account (or address) is locked until the window ends. A success clears the account's
    count. When the cache is down, sign-ins are not throttled (and this is logged)."""

    def __init__(self, request, username):
        # A digest, not the name itself: a typed name may hold spaces or control
        # characters no cache key should carry.
        account = hashlib.sha256((username or "").strip().casefold()[:150].encode()).hexdigest()
        self.keys = {
            "account": (f"login:fail:user:{account}", settings.LOGIN_FAILURES_PER_ACCOUNT),
            "address": (f"login:fail:ip:{client_ip(request)}", settings.LOGIN_FAILURES_PER_ADDRESS),
        }

    def locked(self):
        """Seconds until the lock ends (0 when not locked)."""
        try:
            for key, limit in self.keys.values():
                entry = cache.get(key)
                if entry and entry["count"] >= limit:
                    return max(1, math.ceil(entry["until"] - time.time()))
        except Exception:
            log.warning("login throttle unavailable", exc_info=True)
        return 0

    def failed(self):
        """Count a failure; returns True when this failure locks the account or address."""
        window = settings.LOGIN_LOCKOUT_SECONDS
        now = time.time()
        locked = False
        try:
            for key, limit in self.keys.values():
                entry = cache.get(key)
                if not entry or entry["until"] <= now:
                    entry = {"count": 0, "until": now + window}
                entry["count"] += 1
                if entry["count"] == limit:
                    entry["until"] = now + window  # the lock lasts a full window
                    locked = True
                cache.set(key, entry, max(1, math.ceil(entry["until"] - now)))
        except Exception:
            log.warning("login throttle unavailable", exc_info=True)
        return locked

    def succeeded(self):
        try:
            cache.delete(self.keys["account"][0])
        except Exception:
            log.warning("login throttle unavailable", exc_info=True)
