"""Every e-mail leaves through the outbox: outside tests, only the e-mail handler of the outbox hands a message to
Django's mail framework (a mail sent straight from a page or a service would skip the retries and be sent even when
its transaction rolls back)."""

import re
from pathlib import Path

MOTCUA = Path(__file__).resolve().parents[2]
HANDLER = MOTCUA / "integrations" / "handlers.py"
DIRECT = re.compile(
    r"^\s*(from django\.core import mail|from django\.core\.mail import|import django\.core\.mail)|"
    r"(?<!def )\bsend_mail\(|\bsend_mass_mail\(|\bmail_admins\(|\bmail_managers\(|"
    r"\bEmail(Multi\w*|Message)\(|\.send_messages\(",
    re.MULTILINE,
)


def test_nothing_but_the_outbox_handler_sends_mail():
    offenders = [
        f"{path.relative_to(MOTCUA)}: {match.group(0)}"
        for path in sorted(MOTCUA.rglob("*.py"))
        if "tests" not in path.parts and path != HANDLER
        for match in DIRECT.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_check_would_see_a_direct_send():
    assert DIRECT.search("from django.core.mail import send_mail")
    assert DIRECT.search("from django.core import mail")
    assert DIRECT.search("EmailMessage(subject, body, None, [to]).send()")
    assert DIRECT.search("get_connection().send_messages(messages)")
    assert not DIRECT.search("def send_mail(self, subject_template_name, ...)")  # Django's reset form hook
    assert not DIRECT.search('"django.core.mail.backends.smtp.EmailBackend",')  # a setting's value
