"""Counter intake only for the desk: the menu entry and the page, and a clear reason when the officer's desk does
not receive the procedure (issue 13, item 18)."""

from motcua.orgs.models import Role, StaffRole


def ward_desk(world):
    return StaffRole.objects.filter(agency=world.city.wards[0], role=Role.DESK_OFFICER).first().user


def test_a_desk_officer_sees_the_counter_intake_entry(client, world):
    client.force_login(world.desk)
    body = client.get("/staff/").content.decode()
    assert 'href="/staff/tiep-nhan/"' in body


def test_a_specialist_without_a_desk_role_sees_no_counter_intake_and_is_told_why(client, world):
    # given a specialist of Sở Tư pháp who holds no desk role
    assert not StaffRole.objects.filter(user=world.specialist, role=Role.DESK_OFFICER).exists()
    client.force_login(world.specialist)
    # then the menu has no "Tiếp nhận tại quầy"
    assert 'href="/staff/tiep-nhan/"' not in client.get("/staff/").content.decode()
    # and the page itself says why instead of offering a form that cannot succeed
    page = client.get("/staff/tiep-nhan/", {"procedure": "2.000488"})
    body = page.content.decode()
    assert page.status_code == 403
    assert 'id="intake-not-desk"' in body
    assert 'id="intake-form"' not in body


def test_a_desk_that_does_not_serve_the_procedure_is_told_where_it_is_received(client, world):
    # given the desk officer of a ward, and a procedure received only at the city's one-stop centre
    client.force_login(ward_desk(world))
    # when they open it for counter intake
    page = client.get("/staff/tiep-nhan/", {"procedure": "2.000488"})
    body = page.content.decode()
    # then they read why, and where it is received, not an empty agency list and "This field is required"
    assert page.status_code == 200
    assert 'id="intake-not-served"' in body
    assert world.city.centre.name in body
    assert 'id="intake-form"' not in body and "Trường này là bắt buộc" not in body
    # and a post is refused the same way (nothing is received)
    post = client.post("/staff/tiep-nhan/", {"procedure": "2.000488", "kind": "citizen", "id_number": "1"})
    assert post.status_code == 422 and 'id="intake-not-served"' in post.content.decode()
