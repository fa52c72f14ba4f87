"""How long each kind of data is kept, and the limits that protect pupil data.

Imported at the end of base.py; every value can be set from the environment. The periods are
applied each night by ``schools.tasks.retention`` (``manage.py apply_retention --dry-run`` shows
what is due), shown to platform admins on the retention page and listed on the privacy notice
(``{% retention_periods %}``). Only upper-case names are settings; the private helpers start with
an underscore so ``import *`` leaves them behind.
"""

import environ as _environ

# base.py imports this module at its end, after loading any .env file into the environment, so
# this reads the same variables as base's env.
_env = _environ.Env()

# Pupils' identity: names, sign-in code, UPN hash and gender, removed this many months after the
# pupil left their last class or their last class was archived. Twelve months lets a pupil who
# comes back the next year, or a school answering a question about last year, still be served.
RETENTION_PUPIL_IDENTITY_MONTHS = _env.int("RETENTION_PUPIL_IDENTITY_MONTHS", default=12)

# Anonymised evaluation records (quiz, survey and lesson records keyed only by the research key,
# once the identity has gone) are deleted this many years after the identity was removed. Six
# years keeps them for the programme's whole evaluation (a pupil's years 7 to 11, plus the
# follow-up surveys) and for re-checking the published audit reports, and matches the six-year
# limitation period used for the audit log. Records of pupils outside the evaluation (opted out
# or withdrawn) are not kept this long: they are deleted when the identity is removed.
RETENTION_LEARNING_RECORDS_YEARS = _env.int("RETENTION_LEARNING_RECORDS_YEARS", default=6)

# Free-text survey answers can say who a pupil is, or disclose something. No teacher page, report
# or export shows them (only a rights request does), so they are deleted after this many months
# (Likert answers stay).
RETENTION_SURVEY_FREE_TEXT_MONTHS = _env.int("RETENTION_SURVEY_FREE_TEXT_MONTHS", default=12)

# Questions pupils asked through the anonymous question box, deleted by the classroom app's
# daily task (classroom.tasks.delete_expired_questions_task).
RETENTION_ANONYMOUS_QUESTIONS_DAYS = _env.int("RETENTION_ANONYMOUS_QUESTIONS_DAYS", default=365)

# Uploaded roster files (pupils' names, year groups, UPNs) and their previews are kept only until
# the import finishes; an upload never confirmed is deleted after this many days.
RETENTION_ROSTER_UPLOAD_DAYS = _env.int("RETENTION_ROSTER_UPLOAD_DAYS", default=30)

# The audit log of staff actions on pupil and staff data: six years, the limitation period for
# claims (Limitation Act 1980), so the record of who did what outlasts any complaint about it.
RETENTION_AUDIT_LOG_YEARS = _env.int("RETENTION_AUDIT_LOG_YEARS", default=6)

# Exports are downloadable for EXPORT_LINK_HOURS (base.py); the reports app's daily task then
# deletes their files. Retention reuses that setting rather than adding another.

# How many rows or pupils one retention transaction handles, so a large backlog never holds
# locks for long.
RETENTION_BATCH_SIZE = _env.int("RETENTION_BATCH_SIZE", default=500)

# Tasks given a school id after pupil data there is erased or deleted by retention, to rebuild
# what was added up from it. The app that keeps the summaries adds its task here, so the schools
# app never imports it (like DEMO_DATA_LOADERS). The commissioner rollups are not rebuilt at once:
# they are published once a night (reports.publication), and a mid-day rebuild of a school after
# one pupil's erasure would show that pupil's answers as the difference. The next night's rebuild
# leaves them out.
PUPIL_DATA_CHANGED_TASKS: list[str] = []

# Limits per staff member on actions that could be misused ("count/period": s, m, h or d, as
# django-ratelimit reads them). Past a limit the person sees a page saying how long to wait, and the
# audit log records it once per period (schools.rate_limits).
# Resetting pupils' login codes or printing a class's login cards (each reissues codes).
PUPIL_CODE_RATE = _env("PUPIL_CODE_RATE", default="60/h")
# Inviting staff, or sending an invitation again.
STAFF_INVITE_RATE = _env("STAFF_INVITE_RATE", default="30/h")
# Asking for an evaluator or dashboard export, or downloading a class's progress as CSV.
EXPORT_RATE = _env("EXPORT_RATE", default="20/h")
# Producing a pupil's data or erasing a pupil (rights requests).
RIGHTS_REQUEST_RATE = _env("RIGHTS_REQUEST_RATE", default="20/h")
# Who the limit page names: "If you need more, contact ...".
RATE_LIMIT_CONTACT = _env("RATE_LIMIT_CONTACT", default="the Respect Online team")
# A staff member's views of the same page of pupil data from one address are logged once in this
# many minutes.
ACCESS_LOG_REPEAT_MINUTES = _env.int("ACCESS_LOG_REPEAT_MINUTES", default=10)
