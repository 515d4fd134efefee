"""The project's settings plus one trivial view to compare pages against (bench/urls.py).

Only `make bench` uses this module (DJANGO_SETTINGS_MODULE=bench.settings); everything else,
production included, uses newsroom.settings unchanged.
"""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
