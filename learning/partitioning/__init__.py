"""Range partitioning by month of the append-mostly answer and event tables (PostgreSQL only).

``plans`` says which tables and how their unique rules are kept, ``sql`` writes the
statements, ``convert`` reads the database and runs them; the ``partition_tables``
command is the way in.
"""
