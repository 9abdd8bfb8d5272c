"""The report's agency picker: the tree and the official order, searchable (issue 13, item 21)."""

import re

from motcua.accounts.models import User
from motcua.orgs import services
from motcua.orgs.models import AgencyKind, Role, StaffRole


def numbered(world):
    """Sở Nội vụ (created last, so last by id) is second in the official list, Sở Tư pháp third."""
    services.agency_update(agency=world.city.justice, official_order=3)
    services.agency_create(
        code="000.00.16.H26", name="Sở Nội vụ", kind=AgencyKind.DEPARTMENT, parent=world.city.province, official_order=2
    )
    user = User.objects.create(username="thanhtra", full_name="Thanh tra")
    StaffRole.objects.create(user=user, agency=world.city.province, role=Role.INSPECTOR)
    return user


def option_names(body: str, select_id: str) -> list[str]:
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', body, re.S)
    assert select, select_id
    return [re.sub(r"^(— )+", "", re.sub(r" \(\d{3}\.\d\d\.\d\d\.H\d\d\)$", "", o.strip()))
            for o in re.findall(r"<option[^>]*>(.*?)</option>", select.group(1), re.S) if o.strip() != "---------"]  # fmt: skip


def test_the_report_picker_lists_the_tree_in_the_official_order_and_is_searchable(client, world):
    client.force_login(numbered(world))
    body = client.get("/staff/bao-cao/").content.decode()
    assert option_names(body, "id_agency") == [
        "UBND thành phố Hà Nội", "Sở Nội vụ", "Sở Tư pháp", "Trung tâm Phục vụ hành chính công", "Phường Cửa Nam",
        "Phường Hoàn Kiếm",
    ]  # fmt: skip
    assert re.search(r'<select[^>]*id="id_agency"[^>]*data-searchable="[^"]+"', body) or re.search(
        r'<select[^>]*data-searchable="[^"]+"[^>]*id="id_agency"', body
    )
    assert "backoffice/picker.js" in body
