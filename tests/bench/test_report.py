"""The lines `make bench` prints under each page: its cold figure and its caching headers."""

from bench.report import WIDTH, cold_part, header_parts, print_report, sample_lines

PRIVATE = "private, max-age=0, must-revalidate"


def test_cold_part_is_the_best_try_in_ms():
    cold = {"ms": 41.3, "tries_ms": [55.0, 41.3, 42.1], "statuses": [200]}

    assert cold_part(cold, 200) == "cold 41.30 ms"


def test_cold_part_gives_the_median_of_the_tries_after_the_best():
    cold = {"ms": 41.3, "median_ms": 45.12, "tries_ms": [55.0, 41.3, 45.12], "statuses": [200]}

    assert cold_part(cold, 200) == "cold 41.30 ms (median 45.12)"


def test_cold_part_says_what_the_tries_answered_when_not_the_pages_status():
    assert cold_part({"ms": 3.0, "tries_ms": [3.0], "statuses": [200, 500]}, 200) == (
        "cold 3.00 ms (answered 200, 500)"
    )
    assert cold_part(None, 200) == "cold: not measured"


def test_cold_part_flags_a_try_served_from_the_page_cache():
    cold = {"ms": 2.0, "tries_ms": [2.0], "statuses": [200], "page_cache": ["hit", "miss"]}

    assert cold_part(cold, 200) == "cold 2.00 ms (a page-cache hit: the cache was not empty)"


def test_header_parts_name_missing_headers_and_skip_missing_optional_ones():
    headers = {"status": 200, "Cache-Control": PRIVATE, "X-Cache-Status": "HIT"}

    assert header_parts(headers, ("Cache-Control", "X-Page-Cache"), status=200) == [
        f"Cache-Control: {PRIVATE}",
        "X-Page-Cache: (none)",
    ]
    assert header_parts(headers, ("X-Cache-Status",), ("X-Page-Cache", "Cache-Control")) == [
        "X-Cache-Status: HIT",
        f"Cache-Control: {PRIVATE}",
    ]
    assert header_parts({"status": 404}, (), status=200) == ["answered 404"]
    assert header_parts(None, ("Cache-Control",)) == ["headers: not sampled"]


def test_sample_lines_join_parts_and_break_only_between_them():
    short = sample_lines(["cold 41.30 ms", "X-Page-Cache: hit"])
    assert short == ["    cold 41.30 ms; X-Page-Cache: hit"]

    parts = ["cold 1.00 ms", "A: " + "a" * 50, "B: " + "b" * 60]
    lines = sample_lines(parts, width=80)
    assert lines == ["    cold 1.00 ms; A: " + "a" * 50 + ";", "      B: " + "b" * 60]
    assert all(len(line) <= 80 for line in lines)


def test_sample_lines_wrap_a_part_longer_than_a_line():
    lines = sample_lines(["Cache-Control: " + ", ".join(["max-age=0"] * 20)], width=60)

    assert len(lines) > 1
    assert all(len(line) <= 60 for line in lines)
    assert lines[0].startswith("    Cache-Control: max-age=0,")


def figures(rps):
    return {"rps": rps, "p50_ms": 1.0, "p99_ms": 2.0, "errors": 0}


def results(cold=True):
    headers = {"status": 200, "Cache-Control": PRIVATE, "X-Page-Cache": "hit"}
    pages = {
        key: {"what": key, "url": f"/{key}/", "status": 200, "uncached": figures(100.0)}
        for key in ("trivial", "static")
    }
    pages["article_50"] = {
        "what": "article, 50 comments",
        "url": "/a/",
        "status": 200,
        "uncached": figures(40.0),
        "cached": figures(1000.0),
        "headers": headers,
    }
    return {
        "concurrency": 16,
        "threads": 2,
        "seconds": 2,
        "load_generator": "wrk",
        "cpus": 2,
        "workers": 5,
        "worker_class": "sync",
        "redis": cold,
        "load_average_at_start": 0.1,
        "other_processes_cpus": 0.0,
        "pages": pages,
        "cold": {"article_50": {"ms": 61.4, "tries_ms": [70.0, 61.4, 65.0], "statuses": [200]}}
        if cold
        else None,
        "worker_peak_rss_mb": 80.0,
        "article_page_weight": {
            "url": "/a/",
            "html_bytes": 1000,
            "html_gzip_bytes": 300,
            "assets": {},
            "total_bytes_compressed": 300,
        },
        "via_nginx": {
            "article_50": {**figures(5000.0), "headers": {**headers, "X-Cache-Status": "HIT"}}
        },
    }


def table(out):
    """The lines from the table's header to the page weight, which the table fits in WIDTH."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("page "))
    end = next(i for i, line in enumerate(lines) if line.startswith("Article page"))
    return lines[start:end]


def test_report_prints_cold_and_headers_under_each_page(capsys):
    print_report(results())

    lines = table(capsys.readouterr().out)
    assert all(len(line) <= WIDTH for line in lines)
    cached = next(i for i, line in enumerate(lines) if "cached " in line and "un" not in line)
    assert lines[cached + 1] == (f"    cold 61.40 ms; Cache-Control: {PRIVATE}; X-Page-Cache: hit")
    nginx = next(i for i, line in enumerate(lines) if line.startswith("article_50"))
    assert lines[nginx + 1] == (
        f"    Cache-Control: {PRIVATE}; X-Cache-Status: HIT; X-Page-Cache: hit"
    )
    # The yardsticks were not sampled here: said so, not left out.
    assert "    cold: not measured; headers: not sampled" in lines


def test_report_without_redis_says_why_there_is_no_cold_figure(capsys):
    print_report(results(cold=False))

    out = capsys.readouterr().out
    assert "cold: not measured without Redis" in out
