"""A minimal browser over http.client: one connection per request, cookies kept, no redirects
followed. Each thread of a concurrency test drives its own."""

import http.client
import re
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


class Browser:
    def __init__(self, base_url, cookies=None, timeout=60):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies = dict(cookies or {})
        self.timeout = timeout

    def request(self, method, path, body=None, headers=None):
        """(status, headers, body text, seconds taken)."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        start = time.monotonic()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
            for header in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.msg, content, time.monotonic() - start
        finally:
            connection.close()

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields):
        body = urlencode(fields, doseq=True)
        # As a browser posts a form of the same site.
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Sec-Fetch-Site": "same-origin",
        }
        return self.request("POST", path, body=body, headers=headers)


def hidden_value(html, name):
    """The value of the form field `name` in a page (hidden inputs, as Django renders them)."""
    match = re.search(rf'name="{re.escape(name)}"[^>]*?value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)"[^>]*?name="{re.escape(name)}"', html
    )
    assert match, f"no {name} field in the page"
    return match.group(1).replace("&amp;", "&").replace("&quot;", '"')


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0
