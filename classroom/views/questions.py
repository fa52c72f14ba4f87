"""The anonymous question box: pupils ask; teachers answer without ever seeing who asked.

No page here puts a pupil in its context: the teacher's pages get the question text,
status and answer only. Who asked is shown on the DSL's page alone (``safeguarding.py``).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from classroom.models import AnonymousQuestion, QuestionStatus
from classroom.models.live import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH
from classroom.permissions import user_can_manage_questions
from classroom.services.questions import (
    NoSafeguardingAccountError,
    QuestionRejectedError,
    answer_in_writing,
    ask_question,
    mark_answered_in_class,
    pass_to_dsl,
    set_hidden,
)
from schools.models import Pupil, SchoolClass
from schools.pupil_session import pupil_required

from .pupil_live import signed_in_class_id

# The fields a teacher's page may read: never ``pupil``.
TEACHER_FIELDS = (
    "pk",
    "school_class",
    "text",
    "shown_text",
    "status",
    "answer",
    "answered_at",
    "passed_to_dsl_at",
    "created_at",
)
FILTERS = {
    "": ("All questions", None),
    "new": ("Not answered yet", QuestionStatus.NEW),
    "answered": ("Answered", None),
    "hidden": ("Hidden", QuestionStatus.HIDDEN),
}


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Your question",
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"Up to {QUESTION_MAX_LENGTH} characters.",
        error_messages={
            "required": "Write your question",
            "max_length": f"Keep your question to {QUESTION_MAX_LENGTH} characters or fewer",
        },
    )


class AnswerForm(forms.Form):
    shown_text = forms.CharField(
        label="The question as the class will read it",
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Take out names, places, dates and anything else that could tell the class who asked or who it is "
            "about. What the pupil wrote is kept only in case you pass it to the safeguarding lead."
        ),
        error_messages={
            "required": "Write the question as the class will read it",
            "max_length": f"Keep the question to {QUESTION_MAX_LENGTH} characters or fewer",
        },
    )
    answer = forms.CharField(
        label="Your answer",
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Every pupil in the class will see the question above and this answer.",
        error_messages={
            "required": "Write your answer",
            "max_length": f"Keep your answer to {ANSWER_MAX_LENGTH} characters or fewer",
        },
    )
    checked = forms.BooleanField(
        label="I have checked the question and my answer: nothing in them could identify anyone",
        error_messages={"required": "Check the question and your answer for anything that could identify anyone"},
    )


# --- Pupils ---------------------------------------------------------------------------------------


@never_cache
@pupil_required
def pupil_questions(request: HttpRequest, pupil: Pupil) -> HttpResponse:
    """Ask a question, after being told plainly who can see it; read the class's written answers."""
    school_class = get_object_or_404(
        SchoolClass.objects.for_pupil(pupil).select_related("school"), pk=signed_in_class_id(request)
    )
    form = QuestionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                ask_question(pupil=pupil, school_class=school_class, text=form.cleaned_data["text"])
            except QuestionRejectedError as error:
                form.add_error("text", str(error))
            else:
                messages.success(request, "Your question has been sent. Your teacher will not see your name.")
                return redirect("classroom:pupil_questions")
        status = 400
    answered = (
        AnonymousQuestion.objects.filter(school_class=school_class)
        .answered_in_writing()
        .only("shown_text", "answer", "answered_at")
        .order_by("-answered_at")[:50]
    )
    return render(
        request,
        "classroom/questions/pupil.html",
        {"pupil": pupil, "school_class": school_class, "form": form, "answered": answered},
        status=status,
    )


# --- Teachers -------------------------------------------------------------------------------------


def _managed_class(request: HttpRequest, class_pk: int) -> SchoolClass:
    school_class = get_object_or_404(SchoolClass.objects.for_user(request.user).select_related("school"), pk=class_pk)
    if not user_can_manage_questions(request.user, school_class):
        raise PermissionDenied
    return school_class


def _question(school_class: SchoolClass, pk: int) -> AnonymousQuestion:
    return get_object_or_404(
        AnonymousQuestion.objects.filter(school_class=school_class).only(*TEACHER_FIELDS[1:]), pk=pk
    )


@never_cache
@login_required
def class_questions(request: HttpRequest, class_pk: int) -> HttpResponse:
    """The class's questions, newest first, without who asked."""
    school_class = _managed_class(request, class_pk)
    shown = request.GET.get("show", "")
    if shown not in FILTERS:
        raise Http404("No such list.")
    questions = AnonymousQuestion.objects.filter(school_class=school_class).only(*TEACHER_FIELDS[1:])
    if shown == "answered":
        questions = questions.filter(status__in=[QuestionStatus.ANSWERED_IN_CLASS, QuestionStatus.ANSWERED_IN_WRITING])
    elif FILTERS[shown][1] is not None:
        questions = questions.filter(status=FILTERS[shown][1])
    else:
        questions = questions.exclude(status=QuestionStatus.HIDDEN)
    return render(
        request,
        "classroom/questions/teacher_list.html",
        {
            "school_class": school_class,
            "questions": list(questions[:200]),
            "filters": [(key, label) for key, (label, _) in FILTERS.items()],
            "shown": shown,
            "has_dsl_account": school_class.school.dsl_user_id is not None,
        },
    )


@require_POST
@login_required
def question_action(request: HttpRequest, class_pk: int, pk: int) -> HttpResponse:
    """Mark answered in class, hide, or show again."""
    school_class = _managed_class(request, class_pk)
    question = _question(school_class, pk)
    action = request.POST.get("action")
    if action == "answered_in_class":
        mark_answered_in_class(question=question, user=request.user)
        messages.success(request, "Marked as answered in class.")
    elif action == "hide":
        set_hidden(question=question, hidden=True)
        messages.success(request, "The question is hidden.")
    elif action == "show":
        set_hidden(question=question, hidden=False)
        messages.success(request, "The question is back in the list.")
    else:
        return HttpResponse("Unknown action.", status=400)
    return redirect("classroom:class_questions", school_class.pk)


@never_cache
@login_required
def question_answer(request: HttpRequest, class_pk: int, pk: int) -> HttpResponse:
    """Answer in writing, for the whole class to read, after editing the question to take out anything identifying.

    Nothing reaches pupils until the form is sent with the check ticked.
    """
    school_class = _managed_class(request, class_pk)
    question = _question(school_class, pk)
    form = AnswerForm(request.POST or None, initial={"answer": question.answer, "shown_text": question.text_for_staff})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                answer_in_writing(
                    question=question,
                    user=request.user,
                    answer=form.cleaned_data["answer"],
                    shown_text=form.cleaned_data["shown_text"],
                )
            except QuestionRejectedError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Your answer is now shown to the class.")
                return redirect("classroom:class_questions", school_class.pk)
        status = 400
    return render(
        request,
        "classroom/questions/answer.html",
        {"school_class": school_class, "question": question, "form": form},
        status=status,
    )


@never_cache
@login_required
def question_pass(request: HttpRequest, class_pk: int, pk: int) -> HttpResponse:
    """Pass a question to the school's safeguarding lead (after a page saying what that means)."""
    school_class = _managed_class(request, class_pk)
    question = _question(school_class, pk)
    school = school_class.school
    if request.method == "POST":
        try:
            pass_to_dsl(question=question, user=request.user)
        except NoSafeguardingAccountError:
            messages.error(request, "Your school's safeguarding lead has no account linked. Speak to them in person.")
        else:
            messages.success(request, "The question has been passed to the safeguarding lead.")
        return redirect("classroom:class_questions", school_class.pk)
    return render(
        request,
        "classroom/questions/pass.html",
        {"school_class": school_class, "question": question, "school": school},
    )
