"""Keeping data no longer than the retention periods in ``config/settings/privacy.py``.

``plan_retention`` is the dry run: what each period makes due now, per school, changing
nothing. ``apply_retention`` does it, in batches, idempotently, and logs the run. The
nightly task is ``schools.tasks.retention``; ``manage.py apply_retention --dry-run`` prints
the plan; platform admins see it on the retention page.
"""

from .apply import RetentionRun, apply_retention
from .periods import RetentionPeriod, retention_periods
from .plan import RetentionPlan, plan_retention

__all__ = ["RetentionPeriod", "RetentionPlan", "RetentionRun", "apply_retention", "plan_retention", "retention_periods"]
