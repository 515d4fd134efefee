"""bench.measure.measure_cold: flush-then-request tries spread out in time, best and median kept."""

from bench import measure


def test_each_try_empties_the_caches_and_the_tries_are_spread_out(monkeypatch):
    events = []
    times = iter([50.0, 31.0, 44.0, 38.0, 60.0])
    monkeypatch.setattr(measure, "settle", lambda base_url: None)
    monkeypatch.setattr(measure, "plan", lambda urls: [("front", "front page", "/", False, True)])
    monkeypatch.setattr(
        measure,
        "send",
        lambda url, post=None: (
            events.append(("request", url)) or (200, {"X-Page-Cache": "miss"}, next(times))
        ),
    )
    monkeypatch.setattr(measure.time, "sleep", lambda seconds: events.append(("pause", seconds)))

    cold = measure.measure_cold(
        "http://bench", {}, lambda: events.append(("flush",)), tries=5, pause=0.3
    )

    assert cold["front"]["ms"] == 31.0
    assert cold["front"]["median_ms"] == 44.0
    assert cold["front"]["tries_ms"] == [50.0, 31.0, 44.0, 38.0, 60.0]
    assert cold["front"]["page_cache"] == ["miss"]
    try_events = [("flush",), ("request", "http://bench/")]
    assert events == try_events + 4 * [("pause", 0.3), *try_events]


def test_without_a_way_to_empty_the_caches_nothing_is_measured():
    assert measure.measure_cold("http://bench", {}, None) is None
