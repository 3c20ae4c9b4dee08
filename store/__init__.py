"""Analyses, reviewers' corrections and the audit log in a SQL database (SQLite or PostgreSQL).

Nothing here imports the classifier's heavy modules; SQLAlchemy is imported only by the code that needs
the database, so `mhsw --help` and the analysis routes stay fast.
"""
