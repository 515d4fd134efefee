"""`make bench`: the production stack under load. Start with bench/run.py."""
