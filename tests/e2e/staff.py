"""Steps staff take in the browser tests."""

from tests.factories import STAFF_PASSWORD


def log_in(page, user):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/")
