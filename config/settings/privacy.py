"""How long each kind of data is kept, and the limits that protect pupil data.

Imported at the end of base.py; every value can be set from the environment.
"""
