"""Programme content: Wagtail pages, lesson blocks, quizzes and surveys."""
