"""Dossier stories for the form tests (no tests here): each returns the dossier after real service calls on real
dates. Tết 2026 is 14–22/02; the form sets switch on 01/07/2025."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader

from motcua.core import clock
from motcua.dossiers.models import Channel, Dossier, PauseReason, StepStatus
from motcua.dossiers.services import intake, processing, reception, results
from motcua.dossiers.services.reception import SupplementItem
from motcua.dossiers.tests.factories import PDF, World, settle_fees


def received(world: World, at: dt.datetime, **kw: Any) -> Dossier:
    with clock.frozen(at):
        return reception.dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(), **kw,
        )  # fmt: skip


def online_submitted(world: World, at: dt.datetime) -> Dossier:
    with clock.frozen(at):
        dossier = intake.dossier_create(
            actor=world.citizen_user, version=world.version, applicant=world.citizen,
            handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=Channel.ONLINE,
        )  # fmt: skip
        intake.dossier_put_components(actor=world.citizen_user, dossier_id=dossier.pk, items=world.components())
        intake.dossier_submit(actor=world.citizen_user, dossier_id=dossier.pk)
    dossier.refresh_from_db()
    return dossier


def supplement_requested(world: World, at: dt.datetime) -> Dossier:
    dossier = online_submitted(world, at)
    form = world.version.components.get()
    with clock.frozen(at):
        reception.dossier_request_supplement(
            actor=world.desk, dossier_id=dossier.pk, note="Hồ sơ chưa đầy đủ theo quy định",
            items=[
                SupplementItem("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "Thiếu chữ ký của người yêu cầu",
                               component_id=form.pk),
                SupplementItem("Bản sao Căn cước công dân", "Ảnh chụp không rõ nét, cần bản sao chứng thực"),
            ],
        )  # fmt: skip
    dossier.refresh_from_db()
    return dossier


def refused(world: World, at: dt.datetime) -> Dossier:
    dossier = online_submitted(world, at)
    with clock.frozen(at):
        reception.dossier_refuse(
            actor=world.desk, dossier_id=dossier.pk,
            reason="Yêu cầu không thuộc thẩm quyền giải quyết của Sở Tư pháp thành phố Hà Nội",
        )  # fmt: skip
    dossier.refresh_from_db()
    return dossier


def transferred_and_appraised(world: World, dossier: Dossier, at: dt.datetime) -> Dossier:
    with clock.frozen(at):
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk, to_user=world.specialist)
    return dossier


def paused_for_documents(world: World, dossier: Dossier, at: dt.datetime, until: dt.datetime) -> Dossier:
    with clock.frozen(at):
        processing.dossier_pause(
            actor=world.specialist, dossier_id=dossier.pk, reason=PauseReason.APPLICANT,
            note="Cần bổ sung giấy tờ chứng minh nơi cư trú", items=["Giấy xác nhận thông tin về cư trú"],
        )  # fmt: skip
    with clock.frozen(until):
        processing.dossier_resume(actor=world.specialist, dossier_id=dossier.pk)
    return dossier


def apologised(world: World, dossier: Dossier, at: dt.datetime, new: dt.datetime) -> Dossier:
    with clock.frozen(at):
        results.dossier_apologise(
            actor=world.leader, dossier_id=dossier.pk,
            reason="Cần xác minh thêm thông tin lý lịch tại Công an thành phố", new_appointment=new,
        )  # fmt: skip
    dossier.refresh_from_db()
    return dossier


def decided_and_returned(world: World, dossier: Dossier, at: dt.datetime) -> Dossier:
    with clock.frozen(at):
        step = dossier.steps.get(status=StepStatus.ACTIVE)
        processing.dossier_handover(actor=world.specialist, dossier_id=dossier.pk, step_id=step.pk)
        results.dossier_decide(actor=world.leader, dossier_id=dossier.pk, outcome="approved")
        results.dossier_attach_result(
            actor=world.specialist, dossier_id=dossier.pk, title="Phiếu LLTP", file_name="kq.pdf", content=PDF
        )
        results.dossier_send_to_desk(actor=world.specialist, dossier_id=dossier.pk)
        settle_fees(world.desk, dossier.pk)
        results.dossier_return_result(actor=world.desk, dossier_id=dossier.pk, method="desk")
    dossier.refresh_from_db()
    return dossier


def stopped(world: World, dossier: Dossier, at: dt.datetime) -> Dossier:
    with clock.frozen(at):
        results.dossier_stop(
            actor=world.desk, dossier_id=dossier.pk, reason="Công dân có đơn xin rút hồ sơ để bổ sung giấy tờ"
        )
    dossier.refresh_from_db()
    return dossier


def pdf_text(pdf: bytes) -> str:
    """Every page's text, with runs of white space folded (the layout breaks lines anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def pdf_pages(pdf: bytes) -> list[PageObject]:
    return list(PdfReader(io.BytesIO(pdf)).pages)


def pdf_fonts(pdf: bytes) -> set[tuple[str, str]]:
    """(font name in the PDF, family named inside the embedded font program) of every font the PDF draws with."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    found = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"].get_object()
        fonts = resources.get("/Font") or {}
        for ref in fonts.values():
            font: Any = ref.get_object()
            name = str(font.get("/BaseFont", "")).split("+", 1)[-1].lstrip("/")
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"].get_object()
            program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3") or descriptor.get("/FontFile")
            family = ""
            if program is not None:
                with TTFont(io.BytesIO(program.get_object().get_data())) as embedded:
                    family = embedded["name"].getDebugName(1) or ""
            found.add((name, family))
    return found


def page_png(pdf: bytes, tmp: Path, dpi: int = 200) -> Path:
    """The first page rendered by poppler (pdftoppm), as a PNG file."""
    source = tmp / "form.pdf"
    source.write_bytes(pdf)
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            "/usr/bin/pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(tmp / "page"),
        ],
        check=True,
    )
    return tmp / "page.png"
