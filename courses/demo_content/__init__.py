"""Original demo content for the "Respectful Relationships" programme.

Each module lives in its own Python module that defines one ``MODULE`` dict.
``load_demo_data`` turns these plain dicts into Wagtail pages and snippets, so
the text can be read and reviewed here without the admin.

Schema of ``MODULE`` (all text is plain unless marked HTML; HTML is the small
subset Wagtail's rich text stores: <p>, <h3>, <ul>/<ol>/<li>, <b>, <i>, <a href>)::

    MODULE = {
        "slug": "healthy-relationships-and-consent",
        "title": "Healthy relationships and consent",
        "summary": "One or two sentences shown in module listings.",
        "min_year": 8, "max_year": 11,          # year groups 7..13 it targets
        "estimated_minutes": 150,               # whole module
        "is_sensitive": True,                   # abuse, consent, image sharing,
                                                # coercive control: teacher-led only
        "delivery_mode": "teacher_led",         # or "teacher_led_or_self_paced"
        "rshe_topics": ["consent", ...],        # slugs of courses.RSHETopic
        "content_warning": "Plain text shown before the module.",
        "learning_outcomes": ["Pupils can ...", ...],
        "teacher_overview": "<p>HTML: why this module, how to run it.</p>",
        "key_vocabulary": [("Consent", "Agreeing by choice ..."), ...],
        "send_adaptations": "<p>HTML</p>",
        "eal_adaptations": "<p>HTML</p>",
        "review_by": "2027-07-31",
        "lessons": [
            {
                "slug": "what-makes-a-relationship-healthy",
                "title": "What makes a relationship healthy?",
                "summary": "One sentence.",
                "estimated_minutes": 50,
                "content_warning": "Optional: what this lesson covers that may upset someone.",
                "body": [  # each item is one slide: (block type, value)
                    ("ground_rules", {"intro": "optional plain text"}),
                    ("text", "<h3>..</h3><p>..</p>"),
                    ("key_message", {"heading": "..", "message": ".."}),
                    ("scenario", {"title": "..", "characters": "Made-up names",
                                  "situation": "<p>HTML</p>", "question": "..",
                                  "choices": [{"text": "..", "feedback": "..",
                                               "recommended": True}, ...]}),
                    ("discussion", {"prompt": "..", "follow_up": ["..", ".."]}),
                    ("reflection", {"prompt": "..", "hint": ".."}),
                    ("knowledge_check", {"question": "..",
                                         "choices": [{"text": "..", "correct": False}, ...],
                                         "explanation": ".."}),
                    ("teacher_notes", {"notes": "<p>HTML</p>", "minutes": 5}),
                    ("signposting", {"heading": "Where to get help", "intro": "..",
                                     "services": [dict(CHILDLINE_...)]}),  # from services.py,
                                     # which records each service's audience, ages, gender,
                                     # situation, channels, source and review-by date
                ],
            },
        ],
        "quiz": {
            "key": "healthy-relationships-quiz", "title": "..", "intro": "..",
            "pass_mark": 70,                    # percent
            "questions": [
                {"key": "hrc-q1", "type": "single",     # or "multiple", "true_false"
                 "text": "..", "choices": [{"text": "..", "correct": True}, ...],
                 "feedback": ".."},
                {"key": "hrc-q2", "type": "true_false", "text": "statement",
                 "answer": True, "feedback": ".."},
            ],
        },
        "survey": {
            "key": "healthy-relationships-survey", "title": "..", "intro": "..",
            "items": [
                {"key": "hrc-a1", "text": "statement", "min": 1, "max": 5,
                 "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree",
                            "Strongly agree"],
                 "reverse": False, "subscale": "attitudes",
                 "sensitive": False},           # optional: disclosure-sensitive
            ],
            "free_text": [{"key": "hrc-f1", "prompt": "..", "optional": True,
                           "sensitive": False}],  # optional, as above
        },
    }
"""
