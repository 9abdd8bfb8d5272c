"""Password reset: the same answer whatever the address, throttled per client address and per target address.

Issue 12 §3: reset requests were unthrottled.
"""

import pytest
from django.core import mail
from django.test import override_settings

from motcua.accounts.tests.conftest import browser, post_form
from motcua.integrations import outbox
from motcua.orgs.tests.factories import make_user

pytestmark = pytest.mark.django_db

RESET = "/accounts/password-reset/"
KNOWN, UNKNOWN = "cv@sotp.hanoi.gov.vn", "noone@sotp.hanoi.gov.vn"


def ask_reset(client, email, capture):
    with capture(execute=True):
        response = post_form(client, RESET, {"email": email})
    outbox.drain()  # the mail leaves through the outbox after commit
    return response


def test_a_known_and_an_unknown_address_get_the_same_answer_and_only_the_known_one_a_link(
    django_capture_on_commit_callbacks,
):
    make_user("sotp.cv", email=KNOWN)
    known = ask_reset(browser("203.0.113.7"), KNOWN, django_capture_on_commit_callbacks)
    unknown = ask_reset(browser("203.0.113.8"), UNKNOWN, django_capture_on_commit_callbacks)
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known.status_code == 302
    assert [m.to for m in mail.outbox] == [[KNOWN]]
    assert "/accounts/reset/" in mail.outbox[0].body


@override_settings(PASSWORD_RESET_PER_IP_PER_HOUR=10)
def test_one_address_gets_at_most_ten_reset_requests_an_hour(django_capture_on_commit_callbacks):
    make_user("sotp.cv", email=KNOWN)
    client = browser("203.0.113.7")
    answers = [ask_reset(client, f"x{i}@example.vn", django_capture_on_commit_callbacks).status_code for i in range(10)]
    assert answers == [302] * 10
    # when the eleventh comes, even for a real address, it is refused and nothing is sent
    refused = ask_reset(client, KNOWN, django_capture_on_commit_callbacks)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert mail.outbox == []


@override_settings(PASSWORD_RESET_PER_ADDRESS_PER_HOUR=3)
def test_one_target_address_gets_at_most_three_mails_an_hour_and_the_answer_stays_the_same(
    django_capture_on_commit_callbacks,
):
    make_user("sotp.cv", email=KNOWN)
    answers = [
        ask_reset(browser(f"203.0.113.{i}"), KNOWN, django_capture_on_commit_callbacks).status_code for i in range(6)
    ]
    assert answers == [302] * 6
    assert len(mail.outbox) == 3


def test_the_reset_mail_is_written_to_the_outbox_and_sent_only_after_commit():
    from motcua.integrations.models import OutboxMessage

    make_user("sotp.cv", email=KNOWN)
    post_form(browser("203.0.113.7"), RESET, {"email": KNOWN})  # the test's transaction never commits
    assert mail.outbox == []
    assert [(m.topic, m.payload["to"]) for m in OutboxMessage.objects.all()] == [("notify.email", KNOWN)]
    outbox.drain()
    assert [m.to for m in mail.outbox] == [[KNOWN]]
