"""Every connection between apps made at start-up, in one file: :mod:`motcua.wiring.connect`.

A tiny app listed last in ``INSTALLED_APPS``, so that every app it connects is loaded when its ``ready()`` runs. No
other app connects anything in its own ``ready()``.
"""
