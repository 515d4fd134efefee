"""Run a snippet under newsroom.settings in a fresh interpreter, for settings read at start-up."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_probe(code, *, dropped=lambda key: False, **environ):
    """What `code` prints last, as JSON, with the environment minus `dropped` keys plus environ.

    The snippet runs after django.setup(), with DJANGO_DEBUG=1 unless environ says otherwise.
    """
    env = {key: value for key, value in os.environ.items() if not dropped(key)}
    env.update(DJANGO_SETTINGS_MODULE="newsroom.settings", DJANGO_DEBUG="1")
    env.update(environ)
    completed = subprocess.run(  # noqa: S603 (this interpreter, code from our tests)
        [sys.executable, "-c", f"import django\ndjango.setup()\n{code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])
