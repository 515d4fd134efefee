"""The project's settings plus one trivial view to compare pages against (bench/urls.py).

Only `make bench` uses this module (DJANGO_SETTINGS_MODULE=bench.settings); everything else,
production included, uses newsroom.settings unchanged.
"""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The benchmark posts every comment from one address and one email, as fast as it can: it measures
# the cost of an accepted comment, so the per-IP, per-email and per-article limits are lifted here.
NEWSROOM_COMMENT_RATE_PER_IP = 10**9
NEWSROOM_COMMENT_RATE_PER_EMAIL = 10**9
NEWSROOM_COMMENT_RATE_PER_ARTICLE = 10**9

# "uncached" runs send this header: the page is rendered for every request, as on a miss (the
# cache of whole pages is skipped; nothing else is). Never set outside the benchmark: anyone
# could make the site render every page they ask for.
NEWSROOM_PAGE_CACHE_BYPASS_HEADER = "X-Bench-Skip-Page-Cache"
