"""`runserver` as `make run` uses it, with room for a burst of simultaneous visitors."""

from django.core.servers.basehttp import WSGIServer
from whitenoise.runserver_nostatic.management.commands.runserver import Command as Runserver


class PatientWSGIServer(WSGIServer):
    # Django's development server lets 10 connections wait to be accepted; the 11th of 50
    # readers posting at once is reset. The kernel caps this at net.core.somaxconn.
    request_queue_size = 1024


class Command(Runserver):
    server_cls = PatientWSGIServer
