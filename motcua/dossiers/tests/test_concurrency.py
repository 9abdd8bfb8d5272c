"""Concurrent receptions and concurrent officers, on the real PostgreSQL server (row locks)."""

import threading

import pytest
from django.db import connections

from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import intake, processing, reception
from motcua.dossiers.tests.factories import make_world, vn

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 24


def run_parallel(target, count):
    barrier = threading.Barrier(count)
    results: list = []
    errors: list = []

    def worker(i):
        try:
            barrier.wait()
            results.append(target(i))
        except Exception as exc:  # noqa: BLE001 - collected and asserted on
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def test_parallel_receptions_never_share_or_skip_a_code(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = make_world()
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        drafts = []
        for _ in range(PARALLEL):
            d = intake.dossier_create(
                actor=world.citizen_user, version=world.version, applicant=world.citizen,
                handling_agency=world.city.justice, receiving_agency=world.city.centre,
            )  # fmt: skip
            intake.dossier_put_components(actor=world.citizen_user, dossier_id=d.pk, items=world.components())
            intake.dossier_submit(actor=world.citizen_user, dossier_id=d.pk)
            drafts.append(d.pk)
        results, errors = run_parallel(
            lambda i: reception.dossier_receive(actor=world.desk, dossier_id=drafts[i]).code, PARALLEL
        )
    assert errors == []
    numbers = sorted(int(code[-4:]) for code in results)
    assert numbers == list(range(1, PARALLEL + 1))
    lines = sorted(Dossier.objects.values_list("register_no", flat=True))
    assert lines == list(range(1, PARALLEL + 1))


def test_two_officers_on_one_dossier_one_wins_the_other_gets_a_conflict(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = make_world()
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        dossier = reception.dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip
        seen = dossier.version

        def act(i):
            if i % 2:
                return processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk, expected_version=seen).state
            from motcua.dossiers.services.results import dossier_stop

            return dossier_stop(actor=world.desk, dossier_id=dossier.pk, reason="Dừng", expected_version=seen).state

        results, errors = run_parallel(act, 6)
    assert len(results) == 1
    assert len(errors) == 5
    assert all(isinstance(e, Conflict) for e in errors)
    final = Dossier.objects.get(pk=dossier.pk)
    assert final.state == results[0]
    assert final.version == seen + 1
    assert final.events.count() == 4  # create, submit, receive + exactly one of the competing actions


def test_parallel_uploads_of_the_same_new_content_share_one_blob_and_replacing_races_lose_nothing(settings, tmp_path):
    from django.db import transaction

    from motcua.dossiers.files import release_files, store_upload
    from motcua.dossiers.models import Blob, StoredFile
    from motcua.dossiers.tests import samples

    settings.MEDIA_ROOT = tmp_path
    make_world()
    content = samples.pdf(text="the same scan")

    def upload(i):
        with transaction.atomic():
            return store_upload(name=f"scan-{i}.pdf", data=content).pk

    results, errors = run_parallel(upload, 8)
    assert errors == []
    assert StoredFile.objects.count() == 8 and Blob.objects.count() == 1
    # half release their upload while the other half upload the same content again: the content survives
    kept = Blob.objects.get()

    def churn(i):
        with transaction.atomic():
            if i % 2:
                release_files([results[i]])
            else:
                store_upload(name=f"again-{i}.pdf", data=content)

    _, errors = run_parallel(churn, 8)
    assert errors == []
    assert Blob.objects.get().pk == kept.pk and StoredFile.objects.filter(blob=kept).count() == 8
    assert kept.file.storage.exists(kept.file.name)


def test_releasing_the_last_upload_while_the_same_content_is_uploaded_keeps_a_readable_copy(settings, tmp_path):
    from django.db import transaction

    from motcua.dossiers.files import release_files, store_upload
    from motcua.dossiers.models import Blob, StoredFile
    from motcua.dossiers.tests import samples

    settings.MEDIA_ROOT = tmp_path
    make_world()
    content = samples.pdf(text="released and uploaded at once")
    for round_ in range(10):
        last = store_upload(name="first.pdf", data=content)

        def race(i, last=last, round_=round_):
            with transaction.atomic():
                if i:
                    release_files([last.pk])
                else:
                    store_upload(name=f"again-{round_}.pdf", data=content)

        _, errors = run_parallel(race, 2)
        assert errors == []
        blob = Blob.objects.get()
        assert StoredFile.objects.get().blob_id == blob.pk
        with blob.file.open("rb") as handle:
            assert handle.read() == content
        release_files(StoredFile.objects.values_list("pk", flat=True))
