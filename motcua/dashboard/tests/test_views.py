"""The pages: who sees the dashboard and whose targets they may change, the drill-down list, the public pages."""

import datetime as dt
import re

import pytest
from django.core.cache import cache

from motcua.dashboard.models import Target
from motcua.orgs.models import Role, StaffRole
from motcua.portal.tests.conftest import PASSWORD

URL = "/staff/dashboard/"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_anonymous_is_sent_to_the_staff_login(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/staff/dang-nhap/?next=")


def test_a_desk_officer_gets_403(client, world):
    assert login(client, world.desk).get(URL).status_code == 403
    assert client.get(URL + "ho-so/", {"measure": "overdue"}).status_code == 403


def test_a_leader_sees_the_dashboard_of_their_agency_only(client, world, story):
    login(client, world.leader)
    response = client.get(URL, {"period": "2026-03"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sở Tư pháp" in html and 'id="n-overdue"' in html
    assert re.search(r'id="n-overdue">2<', html)
    assert "1 / 2 hồ sơ được đánh giá (50%), 100% hài lòng" not in html  # 2 / 2 rated, 1 satisfied
    assert re.sub(r"<[^>]+>", "", html).count("2 / 2 hồ sơ được đánh giá (100%), 50% hài lòng") == 1
    # a leader may change the targets of the agency they lead
    assert 'class="button secondary edit-target"' in html
    # the province (their parent) is not theirs: named in the crumbs, not linked, and refused
    assert f"?agency={world.city.province.code}" not in html
    assert client.get(URL, {"agency": world.city.province.code}).status_code == 403
    assert client.get(URL + "ho-so/", {"agency": world.city.province.code, "measure": "received"}).status_code == 403


def test_every_number_links_to_its_dossiers_and_the_overdue_list_shows_them(client, world, story):
    login(client, world.leader)
    html = client.get(URL, {"period": "2026-03"}).content.decode()
    overdue = re.search(r'<a href="([^"]+)" class="n" id="n-overdue">', html)[1].replace("&amp;", "&")
    assert overdue.startswith("/staff/dashboard/ho-so/?agency=000.00.10.H26&from=2026-03-01&to=2026-03-31")
    page = client.get(overdue)
    assert page.status_code == 200
    body = page.content.decode()
    assert re.search(r'id="drill-count">2<', body)
    for dossier in story.overdue:
        assert f'href="/staff/ho-so/{dossier.pk}/"' in body
    assert f'href="/staff/ho-so/{story.early.pk}/"' not in body
    # each drill link of the page is a list that opens
    links = {a.replace("&amp;", "&") for a in re.findall(r'href="(/staff/dashboard/ho-so/\?[^"]+)"', html)}
    assert len(links) >= 20
    for link in links:
        assert client.get(link).status_code == 200, link


def test_an_inspector_sees_the_subtree_read_only(client, world, story, inspector):
    login(client, inspector)
    html = client.get(URL, {"period": "2026-03"}).content.decode()
    assert "UBND thành phố Hà Nội" in html and 'id="ranking"' in html
    # a province's ranking opens on its provincial bodies; the communes are one tab away
    ranking = re.search(r'<table class="list" id="ranking">.*?</table>', html, re.S)[0]
    assert "Sở Tư pháp" in ranking and "Phường Hoàn Kiếm" not in ranking
    communes = client.get(URL, {"period": "2026-03", "part": "communes"}).content.decode()
    ranking = re.search(r'<table class="list" id="ranking">.*?</table>', communes, re.S)[0]
    assert "Phường Hoàn Kiếm" in ranking and "Sở Tư pháp" not in ranking
    assert "edit-target" not in html and "target-form" not in html
    # a child agency of the subtree opens too
    assert client.get(URL, {"agency": world.city.justice.code}).status_code == 200
    # and no target can be posted
    response = client.post(URL + "chi-tieu/", {"agency": world.city.justice.code, "key": "on_time_share",
                                                "threshold": "90", "valid_from": "2026-03-01"})  # fmt: skip
    assert response.status_code == 403 and not Target.objects.exists()
    assert (
        client.get(URL + "chi-tieu/", {"agency": world.city.justice.code, "edit": "on_time_share"}).status_code == 403
    )


def test_a_leader_sets_a_target_with_htmx_and_sees_the_gap(client, world, story):
    login(client, world.leader)
    form = client.get(URL + "chi-tieu/", {"agency": world.city.justice.code, "period": "2026-03",
                                          "edit": "on_time_share"}, HTTP_HX_REQUEST="true")  # fmt: skip
    assert form.status_code == 200 and 'id="target-form"' in form.content.decode()
    bad = client.post(URL + "chi-tieu/", {"agency": world.city.justice.code, "from": "2026-03-01", "to": "2026-03-31",
                                          "key": "on_time_share", "threshold": "120", "valid_from": "2026-01-01"},
                      HTTP_HX_REQUEST="true")  # fmt: skip
    assert bad.status_code == 422 and "0 đến 100" in bad.content.decode()
    ok = client.post(URL + "chi-tieu/", {"agency": world.city.justice.code, "from": "2026-03-01", "to": "2026-03-31",
                                         "key": "on_time_share", "threshold": "20", "valid_from": "2026-01-01"},
                     HTTP_HX_REQUEST="true")  # fmt: skip
    assert ok.status_code == 200
    target = Target.objects.get()
    assert (target.agency, target.key, str(target.threshold), target.created_by) == (
        world.city.justice,
        "on_time_share",
        "20.00",
        world.leader,
    )
    row = re.search(r'<tr id="target-on_time_share">.*?</tr>', ok.content.decode(), re.S)[0]
    assert "+5" in row and "25%" in row  # 1 of 4 on time against 20%


def test_an_agency_administrator_of_the_province_edits_a_child_s_targets(client, world, leader_admin):
    login(client, leader_admin)
    response = client.post(URL + "chi-tieu/", {"agency": world.city.wards[0].code, "key": "rated_share",
                                                "threshold": "75", "valid_from": "2026-01-01"})  # fmt: skip
    assert response.status_code == 302
    assert Target.objects.get().agency == world.city.wards[0]


def test_english_pages_write_english_numbers(client, world, story, inspector):
    login(client, inspector)
    client.cookies["django_language"] = "en"
    html = client.get(URL, {"period": "2026-03"}).content.decode()
    assert "2 / 2 dossiers rated (100%), 50% satisfied" in re.sub(r"<[^>]+>", "", html)


def test_the_public_page_needs_no_login(client, world, story):
    response = client.get("/chi-so/", {"period": "2026-03"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "UBND thành phố Hà Nội" in html and "Sở Tư pháp" in html
    assert "2 / 2 hồ sơ được đánh giá (100%), 50% hài lòng" in html
    communes = client.get("/chi-so/", {"period": "2026-03", "part": "communes"}).content.decode()
    assert "Phường Hoàn Kiếm" in communes
    agency = client.get(f"/chi-so/{world.city.justice.code}/", {"period": "2026-03"})
    assert agency.status_code == 200
    assert "Hạng" in agency.content.decode() or "Rank" in agency.content.decode()
    assert client.get("/chi-so/000.99.99.H26/").status_code == 404


def test_the_public_page_is_cached_briefly(client, world, story, django_assert_max_num_queries):
    client.get("/chi-so/", {"period": "2026-03"})
    with django_assert_max_num_queries(3):  # the root agency, the cache reads
        assert client.get("/chi-so/", {"period": "2026-03"}).status_code == 200
    cache.clear()


def test_the_admin_lists_targets(client, world):
    from motcua.accounts.models import User

    User.objects.create_superuser("root", "root@example.vn", "pw")
    client.login(username="root", password="pw")
    Target.objects.create(agency=world.city.justice, key="on_time_share", threshold=90, valid_from=dt.date(2026, 1, 1))
    assert client.get("/admin/dashboard/target/").status_code == 200
    assert client.get("/admin/dashboard/target/", {"q": "Hà Nội"}).status_code == 200
    assert client.get("/admin/dashboard/target/add/").status_code == 200


def test_the_nav_shows_the_dashboard_only_to_those_who_may_open_it(client, world):
    assert 'href="/staff/dashboard/"' not in client.get("/staff/dang-nhap/").content.decode()  # anonymous
    assert 'href="/staff/dashboard/"' in login(client, world.leader).get("/staff/").content.decode()
    client.logout()
    assert 'href="/staff/dashboard/"' not in login(client, world.desk).get("/staff/").content.decode()


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN])
def test_a_system_administrator_sees_the_top_of_the_tree(client, world, role):
    from motcua.accounts.models import User

    user = User.objects.create(username="hethong", full_name="Quản trị hệ thống")
    StaffRole.objects.create(user=user, agency=world.city.province, role=role)
    user.set_password(PASSWORD)
    user.save()
    html = login(client, user).get(URL).content.decode()
    assert "UBND thành phố Hà Nội" in html and "edit-target" in html


def test_without_javascript_the_target_form_opens_on_the_page_and_posts_back(client, world, story):
    login(client, world.leader)
    html = client.get(URL, {"edit": "paid_online_share"}).content.decode()
    assert 'id="target-form"' in html and 'name="key" value="paid_online_share"' in html
    response = client.post(URL + "chi-tieu/", {"agency": world.city.justice.code, "period": "2026-03",
                                                "key": "paid_online_share", "threshold": "35",
                                                "valid_from": "2026-01-01"})  # fmt: skip
    assert response.status_code == 302 and response["Location"].endswith("?agency=000.00.10.H26&period=2026-03")
    row = re.search(r'<tr id="target-paid_online_share">.*?</tr>',
                    client.get(response["Location"]).content.decode(), re.S)[0]  # fmt: skip
    assert "35%" in row and "−35" in row  # none of the March dossiers with fees paid online


def test_unknown_measures_and_agencies_are_404(client, world):
    login(client, world.leader)
    assert client.get(URL + "ho-so/", {"measure": "nothing"}).status_code == 404
    assert client.get(URL, {"agency": "000.99.99.H26"}).status_code == 404


def test_the_public_pages_say_no_data_for_an_agency_without_dossiers(client, world, story):
    ward = world.city.wards[0]
    html = client.get("/chi-so/", {"period": "2026-03", "part": "communes"}).content.decode()
    row = html.split(ward.short_name or ward.name)[1].split("</tr>")[0]
    assert "no-data" in row and "band-" not in row
    assert "0 / 0" not in row and "0%" not in row and "0 / 20" not in row  # no measured-looking zeros either
    page = client.get(f"/chi-so/{ward.code}/", {"period": "2026-03"}).content.decode()
    assert 'id="no-data"' in page and "band-weak" not in page
