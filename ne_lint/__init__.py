"""ne-lint: a linter for health articles.

It reads Markdown, HTML and plain-text articles, runs spaCy-based checks against a curated, cited
fact file, and reports findings: terse lines and machine formats for hooks and CI, annotated
reports for editors.
"""
__version__ = "0.1.0"
