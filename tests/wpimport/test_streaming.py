"""The export is read as a stream: memory does not grow with the number of posts."""

import tracemalloc

from wpimport import wxr
from wpimport.content import Converter
from wpimport.management.commands.make_wxr import write_wxr


def peak_reading(path):
    """Peak memory (bytes) of checking the file and converting every post, as the import does."""
    converter = Converter()
    tracemalloc.start()
    try:
        wxr.scan(path)
        for kind, data in wxr.read(path):
            if kind == "item":
                converter.body(data.get("content:encoded"))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_ten_times_more_posts_does_not_take_more_memory(tmp_path):
    small, large = tmp_path / "small.xml", tmp_path / "large.xml"
    write_wxr(small, posts=200)
    write_wxr(large, posts=2000)
    assert large.stat().st_size > 9 * small.stat().st_size
    small_peak, large_peak = peak_reading(small), peak_reading(large)
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)


def test_the_synthetic_export_is_a_valid_wxr_file(tmp_path):
    path = tmp_path / "synthetic.xml"
    write_wxr(path, posts=30, comments=2)
    summary = wxr.scan(path)
    assert summary.items == 30
    assert summary.item_types == {"post": 30}
    assert summary.site == "https://synthetic.example.org"
