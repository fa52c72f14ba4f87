"""A prepared query gives what its queryset gives, for any values, and refuses what it cannot do."""

from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.prepared_query import PreparedQuery
from schools.models import Assignment, ClassMembership, Pupil
from tests.factories import ModulePageFactory, SchoolFactory, pupil, school_class, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme):
    school = SchoolFactory()
    teacher = staff(school)
    classes = [school_class(school, teacher, name=name) for name in ("9A", "9B")]
    pupils = [pupil(classes[n % 2], f"Name{n}", "B")[0] for n in range(4)]
    modules = [ModulePageFactory(parent=programme) for _ in range(2)]
    today = timezone.localdate()
    assignments = [
        Assignment.objects.create(school_class=classes[0], module=modules[0], opens_on=today - timedelta(days=2)),
        Assignment.objects.create(school_class=classes[0], module=modules[1], opens_on=today + timedelta(days=2)),
    ]
    return classes, pupils, assignments


def pupils_in(pupil_id: int, class_id: int):
    return Pupil.objects.select_related("school").filter(
        pk=pupil_id, memberships__school_class_id=class_id, memberships__removed_at__isnull=True
    )


def test_models_with_their_related_rows_as_the_queryset_makes_them(world, django_assert_num_queries):
    classes, pupils, _ = world
    prepared = PreparedQuery(pupils_in, pupil_id=int, class_id=int)
    for who in pupils:
        for klass in classes:
            expected = list(pupils_in(who.pk, klass.pk))
            found = prepared.run(pupil_id=who.pk, class_id=klass.pk)
            assert found == expected
            for mine, theirs in zip(found, expected, strict=True):
                assert {k: v for k, v in vars(mine).items() if k != "_state"} == {
                    k: v for k, v in vars(theirs).items() if k != "_state"
                }
                with django_assert_num_queries(0):
                    assert mine.school.name == theirs.school.name, "select_related is kept"


def test_rows_and_flat_values_with_constants_and_dates(world):
    classes, _, assignments = world

    def opened(class_id: int, today: date):
        return Assignment.objects.filter(school_class_id=class_id, opens_on__lte=today, delivery="in_class")

    rows = PreparedQuery(
        lambda class_id, today: opened(class_id, today).values_list("pk", "opens_on"), class_id=int, today=date
    )
    flat = PreparedQuery(
        lambda class_id, today: opened(class_id, today).values_list("pk", flat=True), class_id=int, today=date
    )
    for day in (
        timezone.localdate() - timedelta(days=5),
        timezone.localdate(),
        timezone.localdate() + timedelta(days=5),
    ):
        for klass in classes:
            expected = list(opened(klass.pk, day).values_list("pk", "opens_on"))
            assert rows.run(class_id=klass.pk, today=day) == expected
            assert flat.run(class_id=klass.pk, today=day) == [pk for pk, _ in expected]
    assert rows.run(class_id=classes[0].pk, today=timezone.localdate()) == [
        (assignments[0].pk, assignments[0].opens_on)
    ]


def test_runs_one_statement_and_builds_the_queryset_once(world):
    classes, pupils, _ = world
    built = []

    def build(pupil_id: int, class_id: int):
        built.append(pupil_id)
        return pupils_in(pupil_id, class_id)

    prepared = PreparedQuery(build, pupil_id=int, class_id=int)
    with CaptureQueriesContext(connection) as queries:
        for who in pupils:
            prepared.first(pupil_id=who.pk, class_id=classes[0].pk)
    assert len(queries.captured_queries) == len(pupils)
    assert len(built) == 1


def test_a_missing_value_none_or_a_value_the_sql_never_sees_is_refused(world):
    prepared = PreparedQuery(pupils_in, pupil_id=int, class_id=int)
    with pytest.raises(TypeError):
        prepared.run(pupil_id=1)
    with pytest.raises(ValueError, match="None"):
        prepared.run(pupil_id=1, class_id=None)
    ignores_class = PreparedQuery(
        lambda pupil_id, class_id: Pupil.objects.filter(pk=pupil_id), pupil_id=int, class_id=int
    )
    with pytest.raises(ValueError, match="class_id"):
        ignores_class.run(pupil_id=1, class_id=2)
    with pytest.raises(TypeError):
        PreparedQuery(pupils_in, pupil_id=float, class_id=int)


def test_prefetching_is_refused():
    prefetching = PreparedQuery(
        lambda pupil_id: Pupil.objects.filter(pk=pupil_id).prefetch_related("memberships"), pupil_id=int
    )
    with pytest.raises(ValueError, match="prefetch_related"):
        prefetching.run(pupil_id=1)


# Serialized rollback puts back what the flush removes (Wagtail's root page among it) for the tests after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_locking_rows_needs_a_transaction_as_django_does():
    locking = PreparedQuery(
        lambda pupil_id: ClassMembership.objects.select_for_update().filter(pupil_id=pupil_id), pupil_id=int
    )
    with pytest.raises(TransactionManagementError):
        locking.run(pupil_id=1)
    with transaction.atomic():
        assert locking.run(pupil_id=1) == []
