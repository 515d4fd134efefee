"""What the abuse tests share: the Hypothesis settings in force, and one example's isolation."""

import os
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction
from hypothesis import settings as hypothesis_settings


def fuzz_settings(scale=1):
    """The chosen profile (HYPOTHESIS_PROFILE, default `abuse`), with `scale` times its examples.

    A test that covers more ground asks for more examples; exploring scales them all up.
    """
    profile = hypothesis_settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "abuse"))
    return hypothesis_settings(profile, max_examples=round(profile.max_examples * scale))


@contextmanager
def one_example():
    """Run one example in a transaction rolled back at its end, with no rate-limit counters."""
    cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
