"""A refused upload says why in the browser (htmx with JavaScript on): wrong type, a renamed program, a file over
the limit. Before, htmx dropped every 4xx reply and the user saw a full progress bar and nothing else."""

import pytest
from playwright.sync_api import expect

from motcua.dossiers.models import Channel
from motcua.dossiers.services import intake
from motcua.dossiers.tests import samples
from motcua.portal.tests.conftest import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("name", "content", "expected", "size_refused_at_the_door"),
    [
        ("ghi-chu.txt", b"plain text, not a scan\n", "ghi-chu.txt", False),
        ("to-khai.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 4096, "to-khai.pdf", False),
        ("ban-chup.pdf", samples.big_pdf(12 * 1024 * 1024), "MB", True),
    ],
    ids=["wrong-type", "renamed-exe", "12-mb"],
)
def test_a_refused_upload_shows_the_servers_message_and_resets_the_bar(
    live_server, live_world, browser, tmp_path, name, content, expected, size_refused_at_the_door
):
    """The 12 MB file is refused by the body limit (413, before it is read); the others by the upload checks."""
    world = live_world
    dossier = intake.dossier_create(
        actor=world.citizen_user, version=world.version, applicant=world.citizen,
        handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=Channel.ONLINE,
    )  # fmt: skip
    bad = tmp_path / name
    bad.write_bytes(content)
    page = log_in(
        browser, live_server.url, world.citizen_user.username, f"/accounts/login/?next=/ho-so/{dossier.pk}/thanh-phan/"
    )
    page.goto(f"{live_server.url}/ho-so/{dossier.pk}/thanh-phan/")
    form = page.locator("#components form").first
    form.locator("input[type=file]").set_input_files(str(bad))
    with page.expect_response(lambda r: "/thanh-phan/" in r.url and r.request.method == "POST") as answer:
        form.locator("button[type=submit]").click()
    assert answer.value.status == (413 if size_refused_at_the_door else 422)
    error = page.locator("#components .field-error[role=alert]").first
    expect(error).to_be_visible()
    assert expected in error.inner_text()
    expect(page.locator("#components progress").first).to_be_hidden()
    shot(page, f"upload-refused-{name}", mobile=True)
