"""Reusing a stored file in a dossier (POST /api/v1/dossiers/{id}/components with ``reuse_file_id``): only who may
already read the file may reuse it, and every refusal is the 404 of an id that does not exist (issue 12, item 1)."""

import json

import pytest

from motcua.core import clock
from motcua.dossiers.models import Channel, Dossier
from motcua.dossiers.services import intake
from motcua.dossiers.tests.two_wards import AT, FILES, ROLES, TwoWards, make_two_wards


@pytest.fixture
def wards(db, settings, tmp_path) -> TwoWards:
    settings.MEDIA_ROOT = tmp_path
    return make_two_wards()


#: Which files each role can put into the draft it works on (see ``_draft``).
REUSABLE = {
    "desk officer, own agency": {"home"},  # not An's file of the other ward
    "desk officer, other agency": {"away"},  # Bình's file, which it may read, is not in An's store
    "specialist": set(),  # these four may not edit a dossier at the desk: the same 403 for every file
    "leader": set(),
    "inspector": set(),
    "agency admin": set(),
    "system admin": {"home", "away"},
    "owner applicant": {"home", "away"},  # online, their own store
    "other applicant": {"stranger"},
    "anonymous": set(),  # the same 401 for every file
}


def _draft(wards: TwoWards, role: str) -> Dossier:
    """The draft each role works on: the applicants file online at Hoàn Kiếm, the other ward's desk officer opens a
    dossier for An at Cửa Nam, everyone else tries An's dossier opened at the Hoàn Kiếm desk."""
    actors = wards.actors
    who, applicant, agency, channel = {
        "owner applicant": (actors["owner applicant"], wards.an, wards.home, Channel.ONLINE),
        "other applicant": (actors["other applicant"], wards.binh, wards.home, Channel.ONLINE),
        "desk officer, other agency": (actors["desk officer, other agency"], wards.an, wards.away, Channel.COUNTER),
    }.get(role, (actors["desk officer, own agency"], wards.an, wards.home, Channel.COUNTER))
    return intake.dossier_create(
        actor=who, version=wards.version, applicant=applicant, handling_agency=agency, receiving_agency=agency,
        channel=channel,
    )  # fmt: skip


def _reuse(client, dossier: Dossier, file_id: int):
    return client.post(
        f"/api/v1/dossiers/{dossier.pk}/components",
        {
            "component_id": dossier.procedure_version.components.get().pk,
            "version": Dossier.objects.get(pk=dossier.pk).version,
            "reuse_file_id": file_id,
        },
    )


@pytest.mark.parametrize("role", ROLES)
def test_a_file_is_reused_only_by_who_may_read_it_and_a_refusal_looks_like_a_missing_id(client, wards, role):
    # given the draft the role works on
    with clock.frozen(AT):
        dossier = _draft(wards, role)
        actor = wards.actors[role]
        if actor.is_authenticated:
            client.force_login(actor)
        # when it asks to reuse each file, and an id that does not exist
        answers = {name: _reuse(client, dossier, wards.file_ids[name]) for name in FILES}
    # then exactly the files it may read (and that are the applicant's) are taken
    taken = {name for name, response in answers.items() if response.status_code == 200}
    assert taken == REUSABLE[role]
    # and every refusal is the same answer, status and body, as for the id that does not exist
    refusals = {(r.status_code, json.dumps(r.json(), sort_keys=True)) for n, r in answers.items() if n not in taken}
    assert len(refusals) == 1, refusals
    if REUSABLE[role]:
        missing = answers["missing"]
        assert (missing.status_code, missing.json()["code"]) == (404, "reuse_not_found")


def test_the_issue_attack_a_desk_officer_cannot_pull_another_wards_file_into_a_new_dossier(client, wards):
    # given the Hoàn Kiếm desk officer, who may not open An's file of the Cửa Nam dossier
    away_dossier, away_file = wards.dossiers["away"], wards.file_ids["away"]
    client.force_login(wards.actors["desk officer, own agency"])
    assert client.get(f"/staff/ho-so/{away_dossier.pk}/tep/{away_file}/").status_code == 403
    with clock.frozen(AT):
        # when the officer opens a dossier for An at Hoàn Kiếm through the API and asks to reuse that file
        created = client.post(
            "/api/v1/dossiers",
            {
                "procedure": wards.version.procedure.code,
                "handling_agency": wards.home.code,
                "channel": 1,
                "applicant": {"id_type": "cccd", "id_number": wards.an.id_number},
            },
            content_type="application/json",
        )
        assert created.status_code == 201, created.content
        dossier = Dossier.objects.get(pk=created.json()["id"])
        pulled = _reuse(client, dossier, away_file)
        missing = _reuse(client, dossier, wards.file_ids["missing"])
    # then the answer is the one for an id that does not exist, and the file is not reachable through the new dossier
    assert (pulled.status_code, pulled.json()) == (missing.status_code, missing.json()) == (404, missing.json())
    assert not dossier.components.exists()
    assert client.get(f"/staff/ho-so/{dossier.pk}/tep/{away_file}/").status_code == 404
    # while the file of the officer's own ward is reused and opens through the new dossier
    with clock.frozen(AT):
        assert _reuse(client, dossier, wards.file_ids["home"]).status_code == 200
    assert client.get(f"/staff/ho-so/{dossier.pk}/tep/{wards.file_ids['home']}/").status_code == 200
