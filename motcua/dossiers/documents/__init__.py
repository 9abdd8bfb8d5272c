"""The official forms of a dossier and the desk's register, as PDF (and the register as xlsx).

- ``sets``: the two legal form sets (TT 01/2018, TT 03/2025), which set a dossier prints with (configurable).
- ``text``: Vietnamese legal formatting of dates, times, limits and places.
- ``builders``: the data of each form, taken from what was recorded when the form was issued.
- ``render``: HTML templates → PDF with WeasyPrint, fonts with every Vietnamese diacritic, the QR code.
- ``services``: print a form (access-checked, recorded as a ``print_form`` event, reprinted exactly as issued).
- ``register``: the register (Sổ theo dõi hồ sơ) of a desk for a date range, PDF (A4) and xlsx.

See docs/forms.md.
"""
