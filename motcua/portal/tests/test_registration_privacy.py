"""Registration tells nothing about which numbers are registered, and is throttled.

Issue 12 §3: `/dang-ky/` told whether a CCCD was registered.
"""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings

from motcua.accounts.models import Applicant, User
from motcua.accounts.services import applicant_register
from motcua.integrations import outbox
from motcua.portal.tests.conftest import PASSWORD

NEW, TYPED = "001190004321", "attacker@example.net"


def register(number, capture, ip="203.0.113.7", **changes):
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR=ip)
    page = client.get("/dang-ky/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = {
        "kind": "citizen", "id_number": number, "name": "Trần Thị Mai", "email": TYPED, "phone": "0987654321",
        "password": PASSWORD, "password2": PASSWORD, "csrfmiddlewaretoken": token, **changes,
    }  # fmt: skip
    with capture(execute=True):
        response = client.post("/dang-ky/", data)
    outbox.drain()  # the mails leave through the outbox after commit
    return response


def answer(response, number):
    """What the page shows, without the per-request CSRF token and the number typed (echoed in the form)."""
    return response.status_code, re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode().replace(number, "N"))


@pytest.fixture
def desk_only(world):
    """A citizen known at a desk, with an e-mail on record but no online account."""
    return applicant_register(
        kind="citizen", id_type="cccd", id_number="001185004321", name="Lê Văn Bình", email="binh@example.vn"
    )


def test_a_registered_number_and_a_new_one_get_the_same_answer(world, django_capture_on_commit_callbacks):
    taken = register(world.citizen.id_number, django_capture_on_commit_callbacks)
    new = register(NEW, django_capture_on_commit_callbacks)
    assert answer(taken, world.citizen.id_number) == answer(new, NEW)
    assert taken.status_code == 200


def test_the_owner_of_a_registered_number_is_told_at_the_address_on_record_never_at_the_one_typed(
    world, django_capture_on_commit_callbacks
):
    world.citizen_user.set_password("cũ-mật-khẩu-2025")
    world.citizen_user.save()
    register(world.citizen.id_number, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[world.citizen_user.email]]
    assert "/accounts/password-reset/" in mail.outbox[0].body
    world.citizen_user.refresh_from_db()
    assert world.citizen_user.check_password("cũ-mật-khẩu-2025")  # nothing changed


def test_a_number_known_at_a_desk_gets_its_link_at_the_address_on_record(desk_only, django_capture_on_commit_callbacks):
    register(desk_only.id_number, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["binh@example.vn"]]
    assert not User.objects.get(username=desk_only.id_number).is_active


def test_a_weak_password_is_refused_alike_for_a_registered_and_a_new_number(world, django_capture_on_commit_callbacks):
    weak = {"password": "12345678", "password2": "12345678"}
    taken = register(world.citizen.id_number, django_capture_on_commit_callbacks, **weak)
    new = register(NEW, django_capture_on_commit_callbacks, **weak)
    assert answer(taken, world.citizen.id_number) == answer(new, NEW)
    assert 'id="id_password_error"' in new.content.decode()
    assert not Applicant.objects.filter(id_number=NEW).exists()


@override_settings(REGISTRATION_PER_IP_PER_HOUR=10)
def test_one_address_gets_at_most_ten_registrations_an_hour(world, django_capture_on_commit_callbacks):
    cache.clear()
    numbers = [f"0011900043{i:02d}" for i in range(11)]
    answers = [register(n, django_capture_on_commit_callbacks).status_code for n in numbers]
    assert answers == [200] * 10 + [429]
    assert not Applicant.objects.filter(id_number=numbers[-1]).exists()


@override_settings(REGISTRATION_MAILS_PER_NUMBER_PER_HOUR=3)
def test_one_number_gets_at_most_three_mails_an_hour(world, django_capture_on_commit_callbacks):
    answers = [
        register(world.citizen.id_number, django_capture_on_commit_callbacks, ip=f"203.0.113.{i}").status_code
        for i in range(5)
    ]
    assert answers == [200] * 5
    assert len(mail.outbox) == 3
