"""Profile one page's uncached render in-process: python -m bench.profile URL [--calls N].

Runs against the database in DATABASE_URL (load it with `manage.py bench_data`), with the page
cache off (fragment caches as configured) and DEBUG off, through Django's test client; prints
the mean time per request, then the functions of our own code and Django's template and ORM
entry points by cumulative time.
"""

import argparse
import cProfile
import logging
import os
import pstats
import time

FOCUS = (
    r"(articles|comments|photos|seo|pagecache)|template/loader_tags"
    r"|query.py.*(__iter__|_fetch_all)|sql/compiler.py.*execute_sql"
)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    logging.disable(logging.CRITICAL)
    from django.conf import settings
    from django.test import Client

    settings.NEWSROOM_PAGE_CACHE = False
    settings.DEBUG = False
    client = Client()
    assert client.get(args.url).status_code == 200
    started = time.perf_counter()
    for _ in range(args.calls):
        response = client.get(args.url)
    elapsed = (time.perf_counter() - started) / args.calls * 1000
    print(f"{args.url}: {elapsed:.1f} ms per request, {len(response.content):,} bytes")
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.calls):
        client.get(args.url)
    profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(FOCUS, 30)


if __name__ == "__main__":
    main()
