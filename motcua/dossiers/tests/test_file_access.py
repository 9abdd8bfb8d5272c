"""Who may read a stored file (issue 12, item 1): each role reads exactly the files of the dossiers its access policy
shows it, the owner their whole e-data store; every refusal is the NotFound of an id that does not exist."""

import pytest

from motcua.core.errors import NotFound
from motcua.dossiers import file_access
from motcua.dossiers.tests.two_wards import FILES, ROLES, TwoWards, make_two_wards

#: home: An's file in a Hoàn Kiếm dossier; away: An's file in a Cửa Nam dossier; stranger: Bình's file at Cửa Nam.
READABLE = {
    "desk officer, own agency": {"home"},
    "desk officer, other agency": {"away", "stranger"},
    "specialist": {"home"},
    "leader": {"home"},
    "inspector": {"home"},
    "agency admin": {"home"},
    "system admin": {"home", "away", "stranger"},
    "owner applicant": {"home", "away"},
    "other applicant": {"stranger"},
    "anonymous": set(),
}


@pytest.fixture
def wards(db, settings, tmp_path) -> TwoWards:
    settings.MEDIA_ROOT = tmp_path
    return make_two_wards()


def _reuse(actor, dossier, file_id):
    try:
        return file_access.reusable_file(actor, dossier, file_id, field="f").pk
    except NotFound as refused:
        return refused.as_dict()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reads_the_files_of_the_dossiers_it_may_see_and_nothing_else(wards, role):
    # given the role, and a dossier of An's to reuse files in
    actor, dossier = wards.actors[role], wards.dossiers["home"]
    # when it asks for every file, as one to read and as one to reuse
    readable = {n for n in FILES if file_access.files_readable_by(actor).filter(pk=wards.file_ids[n]).exists()}
    reuse = {n: _reuse(actor, dossier, wards.file_ids[n]) for n in FILES}
    # then it reads exactly its files; reuse adds the rule that the file is in the applicant's (An's) store
    assert readable == READABLE[role]
    assert {n for n, answer in reuse.items() if isinstance(answer, int)} == READABLE[role] - {"stranger"}
    # and every refusal says the same as the id that does not exist
    refusals = [answer for answer in reuse.values() if not isinstance(answer, int)]
    assert refusals and all(answer == reuse["missing"] for answer in refusals)
    assert reuse["missing"]["code"] == "reuse_not_found"


@pytest.mark.parametrize("role", ROLES)
def test_downloads_follow_the_same_rule(client, wards, role):
    # given each dossier's own file, and the files of the other dossiers asked for through it
    actor = wards.actors[role]
    if actor.is_authenticated:
        client.force_login(actor)
    staff = role not in ("owner applicant", "other applicant", "anonymous")
    prefix = "/staff/ho-so" if staff else "/ho-so"
    for where, dossier in wards.dossiers.items():
        for name in FILES:
            response = client.get(f"{prefix}/{dossier.pk}/tep/{wards.file_ids[name]}/")
            # then a file opens only through its own dossier, for whoever may read it
            if name == where and where in READABLE[role]:
                assert response.status_code == 200, (where, name)
                assert b"".join(response.streaming_content).startswith(b"%PDF")
            else:
                assert response.status_code in (302, 403, 404), (where, name)
