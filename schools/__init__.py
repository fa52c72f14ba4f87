"""Schools, staff, classes, pupils and assignments (who takes part)."""
