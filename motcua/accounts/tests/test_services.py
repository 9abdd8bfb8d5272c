import datetime as dt

import pytest

from motcua.accounts.models import Applicant, ApplicantKind, IdType, User
from motcua.accounts.services import (
    applicant_open_account,
    applicant_register,
    authorisation_grant,
    may_represent,
    staff_user_create,
)
from motcua.core.errors import Conflict, ValidationFailed

pytestmark = pytest.mark.django_db


def citizen(number="001090012345", name="Nguyễn Văn An", dob=dt.date(1990, 3, 14)):
    return applicant_register(
        kind=ApplicantKind.CITIZEN, id_type=IdType.CCCD, id_number=number, name=name, date_of_birth=dob
    )


def test_a_citizen_registers_with_a_valid_cccd():
    applicant = citizen()
    assert applicant.id_number == "001090012345"


def test_a_wrong_cccd_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationFailed) as caught:
        citizen(number="00109001234")
    assert "id_number" in caught.value.fields
    assert not Applicant.objects.exists()


def test_an_organisation_needs_a_valid_tax_code():
    with pytest.raises(ValidationFailed) as caught:
        applicant_register(
            kind=ApplicantKind.ORGANISATION, id_type=IdType.TAX_CODE, id_number="0100109107", name="Công ty A"
        )
    assert caught.value.code == "tax_code_checksum"
    with pytest.raises(ValidationFailed):
        applicant_register(
            kind=ApplicantKind.ORGANISATION, id_type=IdType.CCCD, id_number="001090012345", name="Công ty A"
        )
    assert not Applicant.objects.exists()


def test_the_same_number_cannot_register_twice():
    citizen()
    with pytest.raises(Conflict):
        citizen(name="Người khác")
    assert Applicant.objects.count() == 1


def test_an_applicant_account_logs_in_with_the_id_number():
    applicant = citizen()
    user = applicant_open_account(applicant=applicant, password="Hoan-Kiem-2026")
    assert user.username == "001090012345"
    assert user.check_password("Hoan-Kiem-2026")
    with pytest.raises(Conflict):
        applicant_open_account(applicant=applicant, password="Hoan-Kiem-2026")


def test_a_weak_password_is_refused():
    applicant = citizen()
    with pytest.raises(ValidationFailed) as caught:
        applicant_open_account(applicant=applicant, password="123")
    assert "password" in caught.value.fields
    assert not User.objects.exists()


def test_a_representative_files_for_the_principal_within_the_authorisation():
    principal = citizen()
    representative = citizen(number="001185004321", name="Trần Thị Ngọc", dob=dt.date(1985, 1, 1))
    authorisation_grant(
        principal=principal,
        representative=representative,
        valid_from=dt.date(2026, 1, 1),
        valid_to=dt.date(2026, 12, 31),
        document_number="15/2026/UQ",
    )
    assert may_represent(representative=representative, principal=principal, on=dt.date(2026, 6, 1))
    assert not may_represent(representative=representative, principal=principal, on=dt.date(2027, 1, 1))
    assert not may_represent(representative=principal, principal=representative, on=dt.date(2026, 6, 1))
    with pytest.raises(ValidationFailed):
        authorisation_grant(principal=principal, representative=principal, valid_from=dt.date(2026, 1, 1))


def test_staff_user_names_are_unique():
    staff_user_create(username="sotp.cv", full_name="Lê Văn B", password="Chuyen-Vien-2026")
    with pytest.raises(Conflict):
        staff_user_create(username="sotp.cv", full_name="Khác", password="Chuyen-Vien-2026")
