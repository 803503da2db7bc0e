"""Logging in through the real login page, from a chosen address."""

from renda.testing.factories import PASSWORD


def log_in(client, username: str, password: str = PASSWORD, address: str = "10.0.0.1"):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session
