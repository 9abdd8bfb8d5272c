"""The sender's link to their petition: ``/phan-anh/<code>/?t=<token>``, the token a signature of the code.

The link is sent to the sender (the receipt notice, the Zalo reply, Open311's ``tokens``); whoever holds it sees the
petition's status and may answer an information request, rate the answer or say they are not satisfied. A wrong
token and an unknown code get the same answer.
"""

from __future__ import annotations

import hmac

from django.core import signing

_SIGNER = signing.Signer(salt="motcua.petitions.sender")


def sender_token(code: str) -> str:
    return _SIGNER.signature(code)


def token_valid(code: str, token: str) -> bool:
    """Whether ``token`` is the signature of ``code`` (compared in constant time; any text is accepted)."""
    return hmac.compare_digest(token.encode(), sender_token(code).encode())


def sender_path(code: str) -> str:
    return f"/phan-anh/{code}/?t={sender_token(code)}"
