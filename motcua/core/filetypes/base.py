"""The verdict of a type check."""

from __future__ import annotations


class Refused(Exception):
    """The file may not be stored: ``code`` for clients, ``message`` (naming the file) for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message
