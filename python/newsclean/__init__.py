"""newsclean: clean news article text, from Python.

The C++ library behind the ``newsclean`` command, with the same results::

    import newsclean
    cleaner = newsclean.Cleaner()                 # rules compiled once
    text = cleaner.clean(article)                 # str or bytes in, str out
    texts = cleaner.clean_many(articles, jobs=4)  # on the library's threads
    for block in cleaner.explain(article):        # every block and why
        print(block["decision"], block["reason"], block["text"])

``newsclean.clean(text, **options)`` is the same on a default Cleaner.
``newsclean.dask`` runs it over a corpus on a Dask cluster.
"""

import threading as _threading

from ._newsclean import (  # noqa: F401  (the public names)
    DEFAULT_MAX_BYTES,
    Cleaner,
    JsonlResult,
    NewscleanWarning,
    RuleError,
    host_of,
    version,
)

__all__ = [
    "Cleaner",
    "RuleError",
    "NewscleanWarning",
    "JsonlResult",
    "clean",
    "explain",
    "clean_many",
    "default_cleaner",
    "version",
    "host_of",
    "DEFAULT_MAX_BYTES",
]
__version__ = version()

_default = None
_default_lock = _threading.Lock()


def default_cleaner():
    """The Cleaner with the built-in rules that clean(), explain() and
    clean_many() use: built on first use, once per process."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Cleaner()
    return _default


def clean(text, **options):
    """clean(text, **options) -> str: Cleaner().clean on a default Cleaner
    (built once). Options as for Cleaner.clean."""
    return (_default or default_cleaner()).clean(text, **options)


def explain(text, **options):
    """explain(text, **options) -> list[dict]: Cleaner().explain on a
    default Cleaner."""
    return (_default or default_cleaner()).explain(text, **options)


def clean_many(texts, **options):
    """clean_many(texts, *, jobs=None, **options) -> list[str]:
    Cleaner().clean_many on a default Cleaner."""
    return (_default or default_cleaner()).clean_many(texts, **options)
