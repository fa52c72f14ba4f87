"""Roster import: read a CSV of pupils, check every row, recognise pupils already on the
system, and import the file all-or-nothing.

The file has a header row; columns are found by their heading (see ``HEADINGS``) and
any other column is ignored. Rows are numbered as a spreadsheet shows them: the header
is row 1, so the first pupil is row 2. A file is valid only when it has no problem at
all; a valid file is imported in one transaction.

A row is "already on the system" when a pupil of the same school has the same UPN
(compared by keyed hash). A row whose name and year group match a pupil's is only a
possible match, which the person importing answers "same pupil" or "new pupil" (see
``schools.pupil_matching``). Pupils already on the system are not created again; a class
import adds them to the class if they are not in it.
"""
