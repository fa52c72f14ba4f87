"""Import schools from the DfE "Get Information about Schools" (GIAS) establishment extract.

The extract (``edubasealldata<date>.csv``, about 140 columns, one row per
establishment, open or closed) is published in Windows-1252 with CRLF line
endings. Only the columns in ``COLUMNS`` are read; the rest are ignored.

Counting rules:

- ``created``: schools that were not in the database.
- ``updated``: schools already known (by URN) whose GIAS data changed.
- ``unchanged``: schools already known whose data is the same (nothing is written).
- ``skipped``: rows that could not be used; each one is listed in ``problems``.
- ``filtered_out``: rows of local authorities outside ``la_codes``. They are not
  problems and are not looked at beyond their LA code.

Rows are numbered as a spreadsheet shows them: the header is row 1, so the first
school is row 2. Schools missing from a later extract are left as they are (GIAS
keeps closed establishments in the extract, so a missing row is unusual).
"""
