"""The staff picker names each person's own title and where they sit (issue 13, item 19)."""

import html

from motcua.backoffice.tests.test_pages import counter
from motcua.orgs.models import Role, StaffRole
from motcua.orgs.tests.factories import make_staff


def test_the_transfer_picker_shows_the_deputy_directors_title_and_each_persons_unit(client, world):
    # given a deputy director of Sở Tư pháp who holds the specialist role (to handle and, by delegation, sign)
    deputy = make_staff(world.city.justice, Role.SPECIALIST, "sotp.pgd")
    deputy.full_name = "Đỗ Thanh Hà"
    deputy.save(update_fields=["full_name"])
    StaffRole.objects.filter(user=deputy).update(job_title="Phó Giám đốc")
    specialist = StaffRole.objects.filter(user=world.specialist, agency=world.city.justice).first()
    dossier = counter(world)
    client.force_login(world.desk)
    # when the desk opens the transfer form
    body = html.unescape(
        client.get(f"/staff/ho-so/{dossier.pk}/mau/transfer/", {"version": dossier.version}).content.decode()
    )
    # then the deputy is "Phó Giám đốc" of the department, not "Chuyên viên"
    justice = world.city.justice.short_name or world.city.justice.name
    assert f"Đỗ Thanh Hà — Phó Giám đốc, {justice}</option>" in body
    # and a specialist without a recorded title shows their role, with their unit (or agency)
    where = f"{specialist.unit.name} ({justice})" if specialist.unit else justice
    assert f"{world.specialist.get_full_name()} — Chuyên viên, {where}</option>" in body
