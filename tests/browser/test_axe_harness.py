"""The accessibility check itself must catch a real violation, or its passes mean nothing."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_axe_reports_an_image_without_alt_text_and_a_missing_label(page):
    page.set_content(
        "<!doctype html><html lang='en'><head><title>t</title></head><body><main>"
        "<h1>Form</h1><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='><input type='text'>"
        "</main></body></html>"
    )
    ids = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label"} <= ids
