"""The comments admin: the moderation queue, bans, the log and reports, the discussion settings.

Importing the modules registers their admins, which is all Django's autodiscovery needs here.
"""

from . import bans, queue, reports, settings  # noqa: F401
