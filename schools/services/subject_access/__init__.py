"""Everything held about one pupil, for a subject access request (UK GDPR Article 15).

``document.collect_pupil_data`` gathers it as plain data (JSON-serialisable, stable keys, ISO 8601
dates) in a fixed number of queries, however much the pupil has done, from each app's records
(``school_records``, ``learning_records``, ``classroom_records``).
``production.produce_subject_access`` is what a school lead's request goes through: it refuses an
erased pupil, collects the data and writes the reason to the audit log.
"""
