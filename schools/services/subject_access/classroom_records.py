"""What a pupil did in the classroom app: live lessons with their answers, and questions asked."""

from __future__ import annotations

from typing import Any

from schools.models import Pupil

from .values import objects, when


def live_sessions(pupil: Pupil) -> list[dict[str, Any]]:
    rows = (
        objects("classroom.Attendance")
        .filter(pupil=pupil)
        .select_related("session__lesson", "session__school_class")
        .prefetch_related("answers")
        .order_by("session__started_at", "pk")
    )
    return [
        {
            "class": a.session.school_class.name,
            "lesson": a.session.lesson.title,
            "started_at": when(a.session.started_at),
            "ended_at": when(a.session.ended_at),
            "present": a.present,
            "joined_at": when(a.joined_at),
            "source": a.source,
            "source_label": a.get_source_display(),
            "answers": [
                {"block_id": answer.block_id, "choice": answer.choice, "answered_at": when(answer.answered_at)}
                for answer in sorted(a.answers.all(), key=lambda answer: (answer.answered_at, answer.pk))
            ],
        }
        for a in rows
    ]


def questions(pupil: Pupil) -> list[dict[str, Any]]:
    rows = (
        objects("classroom.AnonymousQuestion")
        .filter(pupil=pupil)
        .select_related("school_class")
        .order_by("created_at", "pk")
    )
    return [
        {
            "class": q.school_class.name,
            "asked_at": when(q.created_at),
            "text": q.text,
            "status": q.status,
            "status_label": q.get_status_display(),
            "answer": q.answer,
            "answered_at": when(q.answered_at),
        }
        for q in rows
    ]
