"""Lesson authoring for instructors: `tutor lesson new` (scaffold.py) and `tutor lesson check` (check.py), with
their command-line glue in commands.py. Heavy parts are imported when used."""
