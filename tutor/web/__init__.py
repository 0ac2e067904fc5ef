"""`tutor serve`: the tutor's TUI in a browser (textual-serve), one workspace per learner, behind a token."""
