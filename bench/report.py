"""The report `make bench` prints: the table of pages, the nginx configuration, the page
weight and the notes that say how to read them."""

import textwrap

from bench.config import RESULTS, ROOT, WARMUP

WIDTH = 110  # The table and the lines under each page fit in this many columns.
CACHED_NOTE = (
    "uncached = every request rendered by Django (only the whole-page cache skipped, with a "
    "bench-only header; the fragment caches (pagecache/fragments.py: an article's row, story, "
    "sharing tags, related stories, comment thread and form; the front page's stories; the "
    "masthead and footer), the database's and the compiled templates stay warm, as in "
    "production). cached = the steady "
    "state: after the first request the page comes from the page cache in Redis, as is. "
    "cold = one request with every cache empty (the bench's Redis database flushed; the workers, "
    "not restarted, keep their compiled templates and memos): pages and fragments rendered "
    "from nothing, the best (and the median) of 9 flush-then-request tries 0.3 s apart, "
    "after the runs. The headers under each page are those of a plain request sent after its "
    "runs, after one warm-up request: X-Page-Cache is Django's page cache, X-Cache-Status nginx's."
)
NO_COLD_NOTE = (
    "cold: not measured without Redis: the local-memory caches live in the gunicorn workers, "
    "and only a restart would empty them."
)


def print_report(results):
    pages = results["pages"]
    trivial = pages["trivial"]["uncached"]["rps"]
    static = pages["static"]["uncached"]["rps"]
    print()
    print(
        f"make bench: gunicorn {results['workers']} {results['worker_class']} workers on "
        f"{results['cpus']} CPUs, PostgreSQL, {'Redis' if results['redis'] else 'no Redis'}; "
        f"{results['load_generator']} with {results['concurrency']} connections "
        + (f"({results['threads']} threads)" if results["load_generator"] == "wrk" else "")
        + f", {results['seconds']} s per run after a {WARMUP} s warm-up."
    )
    header = (
        f"{'page':<26}{'status':>7}  {'run':<9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}{'vs trivial':>12}{'vs static':>11}"
    )
    print(header)
    print("-" * len(header))
    cold = results.get("cold")
    for key, page in pages.items():
        for run in ("uncached", "cached"):
            if run not in page:
                continue
            f = page[run]
            first = run == "uncached"
            print(
                f"{page['what'] if first else '':<26}{page['status'] if first else '':>7}  "
                f"{run:<9}{f['rps']:>9.1f}{f['p50_ms']:>9.2f}{f['p99_ms']:>9.2f}{f['errors']:>8}"
                f"{ratio(f['rps'], trivial):>12}{ratio(f['rps'], static):>11}"
            )
        parts = [cold_part(cold.get(key) if cold else None, page["status"])]
        names = ("Cache-Control", "X-Page-Cache")
        parts += header_parts(page.get("headers"), names, status=page["status"])
        print(*sample_lines(parts), sep="\n")
    if results.get("via_nginx"):
        print()
        print("Second configuration: nginx in front (deploy/nginx/newsroom.conf, micro-cache)")
        for key, f in results["via_nginx"].items():
            print(
                f"{key:<26}{'':>7}  {'nginx':<9}{f['rps']:>9.1f}{f['p50_ms']:>9.2f}"
                f"{f['p99_ms']:>9.2f}{f['errors']:>8}{ratio(f['rps'], trivial):>12}"
                f"{ratio(f['rps'], static):>11}"
            )
            status = pages[key]["status"] if key in pages else None
            names = ("Cache-Control", "X-Cache-Status")
            parts = header_parts(f.get("headers"), names, ("X-Page-Cache",), status)
            print(*sample_lines(parts), sep="\n")
    weight = results["article_page_weight"]
    print()
    print(
        f"Article page ({weight['url']}): HTML {weight['html_bytes']:,} bytes "
        f"({weight['html_gzip_bytes']:,} gzipped); with its CSS, scripts and images "
        f"{weight['total_bytes_compressed']:,} bytes compressed: "
        + ", ".join(f"{name} {size:,}" for name, size in weight["assets"].items())
    )
    print(f"Worker peak RSS (VmHWM, largest worker): {results['worker_peak_rss_mb']} MiB")
    print(CACHED_NOTE)
    if cold is None:
        print(NO_COLD_NOTE)
    for key, page in pages.items():
        if page["status"] >= 400:
            print(
                f"{key}: {page['url']} answers {page['status']} (not built yet?); every request "
                "is counted as an error and the figures measure the error page."
            )
    print(
        "comment_post: each POST stores a pending comment on the bench-only article "
        "(302 = accepted); the pending pile grows with every run and shows on no page."
    )
    print(
        f"Other processes took {results['other_processes_cpus']} of the {results['cpus']} CPUs "
        f"on average during the measurements (load average {results['load_average_at_start']} "
        "at the start). The load generator and PostgreSQL share the CPUs with gunicorn too: "
        "compare figures from the same machine at a quiet moment."
    )
    if results["load_generator"] == "python":
        print("Python load generator: its GIL caps the rate, so the figures are a lower bound.")
    print(f"Figures also in {(RESULTS / 'latest.json').relative_to(ROOT)}:")


def cold_part(cold, status):
    """The cold figure, e.g. "cold 41.30 ms (median 45.10)" (and what the tries answered if
    not status)."""
    if cold is None:
        return "cold: not measured"
    text = f"cold {cold['ms']:.2f} ms"
    if "median_ms" in cold:
        text += f" (median {cold['median_ms']:.2f})"
    if cold["statuses"] != [status]:
        text += f" (answered {', '.join(map(str, cold['statuses']))})"
    if "hit" in cold.get("page_cache", ()):
        text += " (a page-cache hit: the cache was not empty)"
    return text


def header_parts(headers, names, optional=(), status=None):
    """Each of names as "Name: value" ("(none)" if absent), then each optional one present;
    led by what the sample answered when status is given and that is not it."""
    if headers is None:
        return ["headers: not sampled"]
    answered = headers.get("status", status)
    parts = [] if status is None or answered == status else [f"answered {answered}"]
    parts += [f"{name}: {headers.get(name, '(none)')}" for name in names]
    parts += [f"{name}: {headers[name]}" for name in optional if name in headers]
    return parts


def sample_lines(parts, indent=4, width=WIDTH):
    """The parts joined with "; " on lines under a table row, indented by indent (continuation
    lines by 2 more), a new line between two parts when the next would pass width; a part longer
    than a line is wrapped at its spaces."""
    limit = width - 1  # Room for the ";" that ends a line continued on the next.
    lines = []
    for part in parts:
        if lines and len(lines[-1]) + 2 + len(part) <= limit:
            lines[-1] += "; " + part
            continue
        if lines:
            lines[-1] += ";"
        prefix = " " * (indent + 2 * bool(lines))
        lines += textwrap.wrap(
            part,
            limit,
            initial_indent=prefix,
            subsequent_indent=prefix + "  ",
            break_on_hyphens=False,
        ) or [prefix]
    return lines


def ratio(rps, base):
    return f"{rps / base:.3f}" if base else "-"
