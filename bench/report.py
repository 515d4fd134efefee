"""The report `make bench` prints: the table of pages, the nginx configuration, the page
weight and the notes that say how to read them."""

from bench.config import RESULTS, ROOT, WARMUP

CACHED_NOTE = (
    "uncached = every request rendered by Django (the whole-page cache skipped with a bench-only "
    "header; the database and template caches are warm). cached = the steady state: after the "
    "first request the page comes from the page cache in Redis, with the reader's CSRF token "
    "and form time filled in. first ms = the very first request for the page, a cold render."
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
    for page in pages.values():
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
    print()
    print(
        "First request for each page (cold render, ms): "
        + ", ".join(
            f"{key} {page['first_ms']}" for key, page in pages.items() if "first_ms" in page
        )
    )
    if results.get("via_nginx"):
        print()
        print("Second configuration: nginx in front (deploy/nginx/newsroom.conf, micro-cache)")
        for key, f in results["via_nginx"].items():
            print(
                f"{key:<26}{'':>7}  {'nginx':<9}{f['rps']:>9.1f}{f['p50_ms']:>9.2f}"
                f"{f['p99_ms']:>9.2f}{f['errors']:>8}{ratio(f['rps'], trivial):>12}"
                f"{ratio(f['rps'], static):>11}  {f['x_cache_status']}"
            )
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


def ratio(rps, base):
    return f"{rps / base:.3f}" if base else "-"
