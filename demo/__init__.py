"""Demo data: the fixtures ``make run`` loads (``manage.py load_demo``) and the synthetic
articles benchmarks need (``manage.py generate_demo``). Nothing here is on a reader's or
an editor's path; the app sits above the others and may import any of them."""


class DemoError(Exception):
    """A demo run cannot go on; the commands report it as a CommandError."""
