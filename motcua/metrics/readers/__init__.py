"""Reads of the per-dossier fact table (``metrics_dossierfact``) for the pages over the figures.

The fact table is the index's own; scoring and reports read it only through these modules, each named for what it
returns: :mod:`.points` (the per-dossier points of the evaluation, TT 01/2018) and :mod:`.handling` (the handling
report's groups per agency and field).
"""
