"""Small helpers that act as a user would: log in, open an item, take an action."""

from playwright.sync_api import Browser, Page

from renda.testing.factories import PASSWORD


class Person:
    """One user in their own browser session."""

    def __init__(self, browser: Browser, base_url: str, username: str, phone: bool = False):
        viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        self.context = browser.new_context(viewport=viewport, locale="zh-CN")
        self.context.set_default_timeout(15_000)
        self.page: Page = self.context.new_page()
        self.base = base_url
        self.username = username

    def go(self, path: str) -> Page:
        self.page.goto(self.base + path)
        return self.page

    def log_in(self) -> "Person":
        page = self.go("/accounts/login/")
        page.fill("#id_username", self.username)
        page.fill("#id_password", PASSWORD)
        page.click("#login-form button[type=submit]")
        page.wait_for_url(self.base + "/")
        return self

    def act(self, item_pk: int, action: str, fill=None) -> Page:
        """Open the item, click the action's button, fill its form, confirm."""
        return self._act(item_pk, f"#actions [data-action={action}]", action, fill)

    def act_on_reply(self, item_pk: int, action: str, fill=None) -> Page:
        """A step of the reply's approval path, from the item page's reply panel."""
        return self._act(item_pk, f"#draft-actions [data-action=reply-{action}]", action, fill)

    def _act(self, item_pk: int, button: str, action: str, fill) -> Page:
        page = self.go(f"/items/{item_pk}/")
        page.click(button)
        form = page.locator(f"#form-{action}")
        form.wait_for()
        if fill:
            fill(page)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        if page.url.rstrip("/").endswith(action):  # the form came back with errors
            errors = page.locator(".alert-danger, .invalid-feedback").all_inner_texts()
            raise AssertionError(f"{action} refused: {errors}")
        page.wait_for_url(f"{self.base}/items/*/")
        return page

    def close(self) -> None:
        self.context.close()
