"""The audit trail of dossiers: the hash chain of each dossier's events (``chain``) and its verification
(``verify``, ``motcua audit verify``). See docs/security.md."""
