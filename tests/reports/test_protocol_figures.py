"""Figures answering a frozen protocol use only the instrument versions it names, for the period it covers."""

import datetime
import uuid

import pytest

from courses.versioning import record_version
from learning.models import Wave
from learning.services.quizzes import submit_quiz_attempt
from reports.models import ProgressRollup, ScaleRollup
from reports.protocol import freeze_protocol, save_draft
from reports.published_pattern import store_pattern
from reports.rollups import refresh_rollups
from tests.factories import UserFactory, single_choice, stream

from .conftest import add_pupil, assign, work

pytestmark = pytest.mark.django_db

SURVEY = {"a1": 2, "a2": 4, "a3": 2, "b1": 3, "b2": 3}


def frozen_protocol(*, start, end, quiz_versions=(), survey_versions=(), subgroups=()):
    user = UserFactory()
    protocol = save_draft(
        protocol=None,
        user=user,
        title="The plan",
        period_start=start,
        period_end=end,
        primary_outcome="Knowledge change",
        quiz_versions=list(quiz_versions),
        survey_versions=list(survey_versions),
        waves=["pre", "post"],
        analysis="Paired change",
        subgroups=list(subgroups),
    )
    return freeze_protocol(protocol=protocol, user=user)


def new_quiz_version(evaluated):
    """The module's quiz reworded: a new version, since the protocol froze the first."""
    quiz = evaluated.quiz_version.quiz
    kind, value = single_choice("q2", correct=1)
    quiz.questions = stream([single_choice("q1"), (kind, dict(value, text="Reworded?"))])
    quiz.save()
    return record_version(instrument=quiz)


def new_survey_version(evaluated):
    survey = evaluated.survey_version.survey
    return survey.versions.create(
        number=evaluated.survey_version.number + 1, definition=evaluated.survey_version.definition
    )


def post_quiz(evaluated, assignment, who, version):
    submit_quiz_attempt(
        pupil=who,
        assignment=assignment,
        version=version,
        answers={"q1": ["a"], "q2": ["b"]},
        key=uuid.uuid4(),
        wave=Wave.POST,
    )


def around(day: datetime.date, days: int = 30) -> dict:
    return {"start": day - datetime.timedelta(days=days), "end": day + datetime.timedelta(days=days)}


def test_pairs_on_versions_the_protocol_does_not_name_are_left_out_and_counted(evaluated):
    assignment = assign(evaluated)
    frozen_protocol(
        **around(assignment.opens_on),
        quiz_versions=[evaluated.quiz_version],
        survey_versions=[evaluated.survey_version],
    )
    ava, ben, cleo = (add_pupil(assignment, name) for name in ("Ava", "Ben", "Cleo"))
    # Ava: both quizzes and surveys on the protocol's versions.
    work(evaluated, assignment, ava, pre_survey=SURVEY, pre_quiz=0, post_quiz=2, post_survey=SURVEY)
    # Ben: the quiz before on the protocol's version, the quiz after on a version made since.
    work(evaluated, assignment, ben, pre_survey=SURVEY, pre_quiz=1)
    post_quiz(evaluated, assignment, ben, new_quiz_version(evaluated))
    # Cleo: the survey after on a version the protocol does not name.
    work(evaluated, assignment, cleo, pre_survey=SURVEY, pre_quiz=1, post_quiz=2)
    evaluated.survey_version = new_survey_version(evaluated)
    work(evaluated, assignment, cleo, finish=False, post_survey=SURVEY)
    work(evaluated, assignment, ben, finish=False, post_survey=SURVEY)

    refresh_rollups()

    row = ProgressRollup.objects.get()
    assert (row.knowledge_pairs, row.knowledge_off_protocol) == (2, 1)  # Ava and Cleo count; Ben is left out
    assert row.knowledge.sum_diff == pytest.approx(100 + 50)
    assert (row.survey_pairs, row.survey_off_protocol) == (1, 2)  # Ava counts; Ben and Cleo are left out
    assert ScaleRollup.objects.get(scale="attitudes").pairs == 1
    # Pairs in the wrong order are not counted again as off the protocol.
    assert row.knowledge_wrong_order == row.survey_wrong_order == 0


def test_a_follow_up_on_a_version_the_protocol_does_not_name_is_left_out_and_counted(evaluated):
    from django.utils import timezone

    from learning.services.surveys import open_follow_up

    from .conftest import _survey, populate

    assignment = assign(evaluated)
    frozen_protocol(**around(assignment.opens_on), survey_versions=[evaluated.survey_version])
    ava, ben = populate(evaluated, assignment, 2)
    today = timezone.localdate()
    open_follow_up(assignment=assignment, opens_on=today, closes_on=today, actor=None)
    _survey(evaluated, assignment, ava, Wave.FOLLOW_UP, SURVEY)
    evaluated.survey_version = new_survey_version(evaluated)
    _survey(evaluated, assignment, ben, Wave.FOLLOW_UP, SURVEY)

    refresh_rollups()

    row = ProgressRollup.objects.get(gender="male")  # populate: Ava is male, Ben female
    assert (row.survey_pairs, row.follow_up_pairs, row.follow_up_off_protocol) == (1, 1, 0)
    row = ProgressRollup.objects.get(gender="female")
    assert (row.survey_pairs, row.follow_up_pairs, row.follow_up_off_protocol) == (1, 0, 1)
    assert ScaleRollup.objects.get(scale="attitudes", gender="female").follow_up_pairs == 0


def test_an_assignment_outside_the_protocols_period_is_not_governed_by_it(evaluated):
    assignment = assign(evaluated)
    frozen_protocol(
        start=assignment.opens_on + datetime.timedelta(days=1),
        end=assignment.opens_on + datetime.timedelta(days=300),
        quiz_versions=[evaluated.quiz_version],
    )
    ben = add_pupil(assignment, "Ben")
    work(evaluated, assignment, ben, pre_quiz=1)
    post_quiz(evaluated, assignment, ben, new_quiz_version(evaluated))

    refresh_rollups()

    row = ProgressRollup.objects.get()
    assert (row.knowledge_pairs, row.knowledge_off_protocol) == (1, 0)


def test_an_instrument_the_protocol_names_no_version_of_is_not_governed(evaluated):
    assignment = assign(evaluated)
    frozen_protocol(**around(assignment.opens_on), quiz_versions=[evaluated.quiz_version])
    cleo = add_pupil(assignment, "Cleo")
    work(evaluated, assignment, cleo, pre_survey=SURVEY, pre_quiz=1, post_quiz=2)
    evaluated.survey_version = new_survey_version(evaluated)
    work(evaluated, assignment, cleo, finish=False, post_survey=SURVEY)

    refresh_rollups()

    row = ProgressRollup.objects.get()
    assert (row.knowledge_pairs, row.knowledge_off_protocol) == (1, 0)
    assert (row.survey_pairs, row.survey_off_protocol) == (1, 0)


def test_a_draft_protocol_governs_nothing(evaluated):
    assignment = assign(evaluated)
    save_draft(
        protocol=None,
        user=UserFactory(),
        title="Not yet",
        period_start=assignment.opens_on,
        period_end=assignment.opens_on,
        primary_outcome="x",
        quiz_versions=[evaluated.quiz_version],
        survey_versions=[],
        waves=["pre"],
        analysis="x",
    )
    ben = add_pupil(assignment, "Ben")
    work(evaluated, assignment, ben, pre_quiz=1)
    post_quiz(evaluated, assignment, ben, new_quiz_version(evaluated))

    refresh_rollups()

    assert ProgressRollup.objects.get().knowledge_off_protocol == 0


def test_the_dashboard_counts_pairs_left_out_as_off_the_protocol(client, evaluated, settings):
    from django.core.cache import cache
    from django.urls import reverse

    from reports import disclosure_cube as cube
    from reports.disclosure import SUPPRESSED
    from reports.protocol_left_out import off_protocol_left_out
    from reports.published_pattern import PagePattern, page_pattern

    from .rollup_rows import commissioner

    settings.SUPPRESSION_THRESHOLD = 1
    cache.clear()
    assignment = assign(evaluated)
    frozen_protocol(
        **around(assignment.opens_on),
        quiz_versions=[evaluated.quiz_version],
        survey_versions=[evaluated.survey_version],
    )
    ben = add_pupil(assignment, "Ben")
    work(evaluated, assignment, ben, pre_survey=SURVEY, pre_quiz=1)
    post_quiz(evaluated, assignment, ben, new_quiz_version(evaluated))
    evaluated.survey_version = new_survey_version(evaluated)
    work(evaluated, assignment, ben, finish=False, post_survey=SURVEY)
    store_pattern(refresh_rollups())  # as the nightly task does

    rows = ProgressRollup.objects.all()
    own = (cube.SCHOOL, str(assignment.school_class.school.pk), cube.ALL, cube.ALL, cube.ALL, cube.ALL, "*")
    shown = off_protocol_left_out(
        rows, pattern=page_pattern(module=None, year_group=cube.ALL, areas=[own[:2]]), key=own
    )
    # The school is its district's only school: its figures are the district's, which the 3-school rule hides.
    assert (shown.counts, shown.total) == ((SUPPRESSED,) * 3, SUPPRESSED)
    everything = PagePattern(hidden={}, limit=1)
    assert off_protocol_left_out(rows, pattern=everything, key=own).counts == (1, 1, SUPPRESSED), (
        "a zero is hidden like a few"
    )
    assert off_protocol_left_out(rows, pattern=everything, key=own, public=True).total == 0, "rounded to 5"
    hiding = PagePattern(hidden={own: frozenset({"off_protocol_left_out"})}, limit=1)
    assert off_protocol_left_out(rows, pattern=hiding, key=own).total == SUPPRESSED, "the stored pattern decides"
    assert off_protocol_left_out(rows, pattern=PagePattern(hidden={}, limit=2), key=own).counts == (SUPPRESSED,) * 3

    settings.SUPPRESSION_THRESHOLD = 1
    client.force_login(commissioner())
    page = client.get(reverse("reports:school", args=[assignment.school_class.school.urn])).content.decode()

    assert "Pupils whose answers were on another version" in page
    row = page.split("pairs-off-protocol")[1].split("In all</th>")[1].split("</tr>")[0]
    assert row.split("</td>")[0].split(">")[-1] == SUPPRESSED, "the page reads the stored pattern"


def test_subgroups_the_protocol_planned_are_confirmatory_and_others_exploratory(client, programme):
    from django.core.cache import cache
    from django.urls import reverse

    from tests.factories import ModulePageFactory, QuizFactory

    from .rollup_rows import YEAR, commissioner, district, progress, refreshed, school

    cache.clear()
    module = ModulePageFactory(parent=programme)
    ashford = district("Ashford", "E07000105")
    for k in range(6):
        place = school(ashford, **({"urban_rural": "(England/Wales) Rural village"} if k >= 3 else {}))
        for gender, extra in (("female", 4), ("male", 0)):
            pairs = [(40, 50 + 4 * (k % 3) + extra)] * 5 + [(40, 70 + 4 * k + extra)] * 5
            progress(place, module, gender=gender, assigned=10, pairs=pairs)
        if k < 3:
            progress(place, module, gender="", assigned=10, pairs=[(40, 60)] * 10)
    refreshed()
    client.force_login(commissioner())

    before = client.get(reverse("reports:dashboard"), {"year": YEAR}).content.decode()
    frozen_protocol(
        start=datetime.date(YEAR, 9, 1),
        end=datetime.date(YEAR + 1, 8, 31),
        quiz_versions=[record_version(instrument=QuizFactory())],
        subgroups=["gender"],
    )
    after = client.get(reverse("reports:dashboard"), {"year": YEAR}).content.decode()
    every_year = client.get(reverse("reports:dashboard"), {"year": "all"}).content.decode()

    def caption(html, words):
        return " ".join(
            html.split(f"Differences in the change in quiz scores, {words}")[1].split("</caption>")[0].split()
        )

    assert caption(before, "by gender (as the school recorded it)") == "(exploratory)"
    assert caption(after, "by gender (as the school recorded it)") == "(confirmatory)"
    assert caption(after, "by urban or rural school") == "(exploratory)"
    # Pooling every year, the figures answer no protocol: nothing is confirmatory.
    assert caption(every_year, "by gender (as the school recorded it)") == "(exploratory)"
    assert "set out this comparison before the answers came in" in after
    # Pairs off the protocol are counted wherever a protocol covers the figures, a hidden zero like a hidden few.
    assert "pairs-off-protocol" not in before and "pairs-off-protocol" in after


def test_the_subgroups_of_a_frozen_protocol_cannot_be_changed(evaluated, client):
    from django.urls import reverse

    from reports.protocol import ProtocolFrozenError

    from .rollup_rows import commissioner

    protocol = frozen_protocol(
        start=datetime.date(2026, 9, 1),
        end=datetime.date(2027, 8, 31),
        quiz_versions=[evaluated.quiz_version],
        subgroups=["fsm", "gender"],
    )
    assert protocol.record["subgroups"] == ["gender", "fsm"]  # in the list's own order
    with pytest.raises(ProtocolFrozenError):
        save_draft(
            protocol=protocol,
            user=UserFactory(),
            title=protocol.title,
            period_start=protocol.period_start,
            period_end=protocol.period_end,
            primary_outcome=protocol.primary_outcome,
            quiz_versions=[evaluated.quiz_version],
            survey_versions=[],
            waves=protocol.waves,
            analysis=protocol.analysis,
            subgroups=["locality"],
        )
    client.force_login(commissioner())
    response = client.post(
        reverse("reports:protocol", args=[protocol.pk]),
        {
            "title": protocol.title,
            "period_start": "1/9/2026",
            "period_end": "31/8/2027",
            "primary_outcome": "x",
            "quiz_versions": [str(evaluated.quiz_version.pk)],
            "waves": ["pre", "post"],
            "analysis": "x",
            "subgroups": ["locality"],
        },
    )
    assert response.status_code == 409
    protocol.refresh_from_db()
    assert protocol.subgroups == ["gender", "fsm"]
    page = client.get(reverse("reports:protocol", args=[protocol.pk])).content.decode()
    assert "Gender; the school&#x27;s free school meals band" in page


def test_a_draft_saves_the_subgroups_chosen_on_its_form(client, evaluated):
    from django.urls import reverse

    from reports.protocol_models import EvaluationProtocol

    from .rollup_rows import commissioner

    client.force_login(commissioner())
    data = {
        "title": "Plan",
        "period_start": "1/9/2026",
        "period_end": "31/8/2027",
        "primary_outcome": "x",
        "quiz_versions": [str(evaluated.quiz_version.pk)],
        "waves": ["pre", "post"],
        "analysis": "x",
    }
    refused = client.post(reverse("reports:protocol_new"), {**data, "subgroups": ["shoe size"]})
    assert refused.status_code == 400 and "shoe size is not one of the available choices" in refused.content.decode()
    assert not EvaluationProtocol.objects.exists()

    client.post(reverse("reports:protocol_new"), {**data, "subgroups": ["locality", "gender"]})

    assert EvaluationProtocol.objects.get().subgroups == ["gender", "locality"]


def test_the_audit_report_names_the_protocol_its_half_year_answers(evaluated):
    from reports.audit_periods import Period
    from reports.audit_report import collect_snapshot, report_figures

    half_year = Period(datetime.date(2026, 9, 1), datetime.date(2027, 2, 28))
    assert report_figures(collect_snapshot(half_year)).protocols == ()
    protocol = frozen_protocol(
        start=datetime.date(2026, 9, 1), end=datetime.date(2027, 8, 31), quiz_versions=[evaluated.quiz_version]
    )
    frozen_protocol(
        start=datetime.date(2027, 9, 1), end=datetime.date(2028, 8, 31), quiz_versions=[evaluated.quiz_version]
    )

    snapshot = collect_snapshot(half_year)
    (named,) = report_figures(snapshot).protocols

    assert named.startswith("“The plan”, frozen ") and protocol.digest in named
    assert snapshot["protocols"][0]["digest"] == protocol.digest


def test_the_transparency_page_counts_pairs_off_the_protocol_once_one_covers_its_year(client, evaluated):
    from django.core.cache import cache
    from django.urls import reverse

    cache.clear()
    assignment = assign(evaluated)
    work(evaluated, assignment, add_pupil(assignment, "Ava"), pre_quiz=0, post_quiz=2)
    store_pattern(refresh_rollups())  # as the nightly task does
    year = assignment.school_class.academic_year

    before = client.get(reverse("reports:transparency"), {"year": year}).content.decode()
    frozen_protocol(**around(assignment.opens_on), quiz_versions=[evaluated.quiz_version])
    cache.clear()
    after = client.get(reverse("reports:transparency"), {"year": year}).content.decode()

    assert "pairs-off-protocol" not in before
    assert "pairs-off-protocol" in after and "on a version the protocol does not name" in after
