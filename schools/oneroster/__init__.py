"""Reading a OneRoster 1.1 CSV export: the zip of ``orgs.csv``, ``academicSessions.csv``,
``classes.csv``, ``users.csv`` and ``enrollments.csv`` that MIS connectors make.

Every file is checked, and every problem listed with its file, row and column; a zip with
any problem imports nothing. Only what teaching needs is read: the school (matched to the
school importing by its URN, in ``orgs.identifier`` when given), each class's title, year
group and school year, teachers' email addresses (to find their accounts), and pupils'
given and family names, year group (``grades``) and UPN (``identifier``, when it is one).
Guardians, parents and every other column (pupils' email addresses, phone numbers, user
names, passwords) are ignored and never stored. Each sourcedId is kept only as a keyed hash,
to recognise a class or pupil in the next export. Rows marked ``tobedeleted`` are skipped.

``grades`` holds the English national curriculum year (7 to 13, written 9, 09, Y9 or Year 9),
as UK connectors export it; ``schoolYear`` is the calendar year in which the school year ends
(2027 for 2026 to 2027), as the specification says.
"""
