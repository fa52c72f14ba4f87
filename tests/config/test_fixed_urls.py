"""A page's address reversed once is the address ``reverse`` gives, under any script prefix."""

from django.urls import reverse, set_script_prefix

from config.fixed_urls import fixed_url


def test_a_fixed_address_is_what_reverse_gives_and_follows_the_script_prefix():
    assert fixed_url("schools:quick_exit") == reverse("schools:quick_exit")
    try:
        set_script_prefix("/respect/")
        assert fixed_url("schools:quick_exit") == reverse("schools:quick_exit")
        assert fixed_url("schools:quick_exit").startswith("/respect/")
    finally:
        set_script_prefix("/")
    assert not fixed_url("schools:quick_exit").startswith("/respect/")
