"""The parts of the demo progress loader (``learning.demo_data``): made-up pupils' answers,
the class timetable, and the lessons worked through alone or taught in class."""
