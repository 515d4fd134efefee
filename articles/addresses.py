"""Stories' and sections' addresses, as reverse() gives them, at the cost of a string format.

reverse() takes about 0.1 ms for a story's address (its namespace, four converters, a check
that the result matches the pattern, quoting) and a front page shows about a hundred of them.
So each worker reverses each kind of address once, with placeholder values, and fills in
the real ones. Only values made of plain slug characters are filled in: they are what
the converters accept and what quoting leaves alone. Anything else goes to reverse() itself.
"""

import functools
import re

from django.urls import get_script_prefix, get_urlconf, reverse

# Values no address would hold otherwise, each accepted by its converter (articles/urls.py).
PLACEHOLDERS = {"year": "7391", "month": "86", "day": "97", "slug": "slug-placeholder", "pk": "0"}
PLAIN = re.compile(r"[-a-zA-Z0-9_]+")


@functools.lru_cache(maxsize=32)
def address_template(viewname, names, prefix, urlconf):
    """reverse(viewname) with {name} for each of names, or None if the placeholders are
    ambiguous in it (e.g. a script prefix holding one of them). prefix and urlconf are what
    reverse() reads besides its arguments: the key they are kept under."""
    address = reverse(
        viewname, urlconf=urlconf, kwargs={name: PLACEHOLDERS[name] for name in names}
    )
    if "{" in address or "}" in address:
        return None
    for name in names:
        if address.count(PLACEHOLDERS[name]) != 1:
            return None
        address = address.replace(PLACEHOLDERS[name], "{" + name + "}")
    return address


def address(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs), the same string, for PLACEHOLDERS' argument names."""
    template = address_template(viewname, tuple(kwargs), get_script_prefix(), get_urlconf())
    values = {name: str(value) for name, value in kwargs.items()}
    if template is None or not all(PLAIN.fullmatch(value) for value in values.values()):
        return reverse(viewname, kwargs=kwargs)
    return template.format(**values)
