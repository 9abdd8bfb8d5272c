"""The apology form of the back office (issue 13 §1): a past or non-working appointment and a missing reason are
refused next to the field; a second attempt says that a re-appointment is allowed only once."""

from motcua.core import clock
from motcua.dossiers.tests.factories import in_progress, vn


def post(client, dossier, **data):
    return client.post(f"/staff/ho-so/{dossier.pk}/hanh-dong/apologise/", {"version": dossier.version, **data})


def test_a_past_appointment_and_a_missing_reason_are_refused_next_to_the_fields(client, world):
    dossier = in_progress(world)
    client.force_login(world.leader)
    with clock.frozen(vn(2026, 3, 12, 9, 0)):
        page = post(client, dossier, reason="", new_appointment="2026-03-10T10:00")
        assert page.status_code == 422
        assert 'id="id_reason_error"' in page.content.decode()
        page = post(client, dossier, reason="Cần xác minh", new_appointment="2026-03-10T10:00")
        assert page.status_code == 422
        assert 'id="id_new_appointment_error"' in page.content.decode()
        page = post(client, dossier, reason="Cần xác minh", new_appointment="2026-03-14T10:00")  # a Saturday
        assert page.status_code == 422
    dossier.refresh_from_db()
    assert not hasattr(dossier, "apology")


def test_the_second_attempt_says_once_only_and_the_page_shows_the_new_appointment(client, world):
    dossier = in_progress(world)
    client.force_login(world.leader)
    with clock.frozen(vn(2026, 3, 3, 9, 0)):
        assert post(client, dossier, reason="Cần xác minh", new_appointment="2026-03-09T16:00").status_code == 302
        again = post(client, dossier, reason="Lần hai", new_appointment="2026-03-10T16:00")
        assert again.status_code == 302
        body = client.get(again["Location"]).content.decode()
    assert "allowed only once" in body or "một lần" in body
    assert "Người khác" not in body and "Someone else" not in body
    assert '<dd id="appointment">16:00 09/03/2026' in body
    assert "16:00 09/03/2026" in body.split('id="timeline"')[1]
