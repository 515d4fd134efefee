"""Steps in the Django admin that several browser tests take."""

import re

from playwright.sync_api import expect


def log_in(page, live_server, username, password="test-password-123"):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(username)


def pick_autocomplete(page, select_id, text):
    """Choose an option in one of the admin's select2 autocomplete widgets."""
    page.locator(f"{select_id} ~ .select2").first.click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=re.compile(text)).first.click()
