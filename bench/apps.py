from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The data set behind `make bench` (manage.py bench_data); the runner is bench/run.py."""

    name = "bench"
