"""The search page's result groups beside the articles (directives, meetings, and what
later apps add): each app registers a group in its ``ready()``, so the page, which lives
in ``articles``, never imports the apps built on it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ResultGroup:
    key: str
    #: (query, *, unit_ids, date_from, date_to) → a short list of matches
    search: object
    #: the include that renders the list (``items`` and ``query`` in its context)
    template: str


_GROUPS = []


def register_group(key, search, template):
    _GROUPS[:] = [group for group in _GROUPS if group.key != key]
    _GROUPS.append(ResultGroup(key, search, template))


def search_groups(query, **filters):
    """[(group, items)] of every registered group with matches, in registration order."""
    found = []
    for group in _GROUPS:
        items = group.search(query, **filters)
        if items:
            found.append((group, items))
    return found
