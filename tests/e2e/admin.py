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


IMAGE_BUTTON = ".prose-menubar button[title*='igure' i], .prose-menubar [title*='mage' i]"


def choose_library_photo(page, photo):
    """In the body editor, open the figure dialog and choose `photo` in the library pop-up.

    Returns the dialog, filled with the photo's address, for the caller to finish.
    """
    page.locator(IMAGE_BUTTON).first.click()
    dialog = page.locator("dialog[open]")
    with page.expect_popup() as popup_info:
        dialog.get_by_text("Browse...").click()
    picker = popup_info.value
    # The pop-up is reported as soon as it opens: its script (at the end of the page) must have
    # run before a click can hand the photo back.
    picker.wait_for_load_state("load")
    # Choosing closes the pop-up, so click from inside the page and wait for it to go.
    with picker.expect_event("close"):
        picker.locator(f".picker__choice[data-id='{photo.pk}']").evaluate(
            "choice => setTimeout(() => choice.click(), 0)"
        )
    expect(dialog.locator("input[name=imageUrl]")).to_have_value(f"/photos/{photo.pk}/")
    return dialog
