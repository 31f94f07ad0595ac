"""Who is asking (the client's address behind our proxies) and how often they may fail
to sign in before the account or the address is locked for a while."""

import hashlib
import ipaddress
import logging
import math
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache

from .cache import count_in_window

log = logging.getLogger(__name__)


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(net, strict=False) for net in proxies)


@lru_cache(maxsize=1024)
def _trusted_in(address, proxies):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _networks(proxies))


def _trusted(address):
    """Is ``address`` one of our proxies (settings.TRUSTED_PROXIES)? Kept per address:
    parsing addresses and networks on every request costs more than a cached page."""
    return _trusted_in(address, tuple(settings.TRUSTED_PROXIES))


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
    """Failed sign-ins, counted atomically in the cache for the *pair* (account,
    address) and for the address alone. From LOGIN_SLOWDOWN_FROM failures on, each one
    makes the pair wait (LOGIN_SLOWDOWN_SECONDS, then twice that, ...); past
    LOGIN_FAILURES_PER_ACCOUNT
    failures of one account from one address (or LOGIN_FAILURES_PER_ADDRESS from one
    address, whatever the accounts), that pair (or address) is locked for
    LOGIN_LOCKOUT_SECONDS.

    An account is never locked from everywhere: a stranger guessing a chief's password
    from elsewhere locks only their own pair and address, and the chief still signs in
    from their usual address. A success clears the pair's count. When the cache is down,
    sign-ins are not throttled (and this is logged).

    Our code rather than django-axes: axes' lockout parameters would do the same, but it
    writes an access-attempt row per failure and brings its own middleware, backend and
    admin for a rule this small; here the counts are one atomic INCR each."""

    def __init__(self, request, username):
        # A digest, not the name itself: a typed name may hold spaces or control
        # characters no cache key should carry.
        account = hashlib.sha256((username or "").strip().casefold()[:150].encode()).hexdigest()
        ip = client_ip(request)
        self.keys = {
            "pair": (f"login:fail:pair:{account}:{ip}", settings.LOGIN_FAILURES_PER_ACCOUNT),
            "address": (f"login:fail:ip:{ip}", settings.LOGIN_FAILURES_PER_ADDRESS),
        }

    def locked(self):
        """Seconds until the lock ends (0 when not locked)."""
        try:
            locks = cache.get_many([f"{key}:lock" for key, _ in self.keys.values()])
        except Exception:
            log.warning("login throttle unavailable", exc_info=True)
            return 0
        until = max(locks.values(), default=0)
        return max(1, math.ceil(until - time.time())) if until > time.time() else 0

    def failed(self):
        """Count a failure; returns True when this failure locks the pair or address."""
        window = settings.LOGIN_LOCKOUT_SECONDS
        locked = False
        try:
            for key, limit in self.keys.values():
                count = count_in_window(key, window)
                if count is None:  # the cache is down: not throttled (logged)
                    continue
                if count >= limit:
                    # The lock lasts a full window from the failure that set it.
                    locked = cache.add(f"{key}:lock", time.time() + window, window) or locked
                elif key == self.keys["pair"][0] and count >= settings.LOGIN_SLOWDOWN_FROM:
                    # Slowing down first: the failures before the lock each make this
                    # pair wait a little longer (15 s, then 30 s by default).
                    wait = settings.LOGIN_SLOWDOWN_SECONDS * 2 ** (
                        count - settings.LOGIN_SLOWDOWN_FROM
                    )
                    if wait > 0:
                        cache.set(f"{key}:lock", time.time() + wait, wait)
        except Exception:
            log.warning("login throttle unavailable", exc_info=True)
        return bool(locked)

    def succeeded(self):
        try:
            cache.delete(self.keys["pair"][0])
        except Exception:
            log.warning("login throttle unavailable", exc_info=True)
