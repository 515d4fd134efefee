"""A middleware that needs the database before the view runs, as a session or login lookup does."""

from django.db import OperationalError


class DatabaseBeforeTheView:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("server closed the connection unexpectedly")
