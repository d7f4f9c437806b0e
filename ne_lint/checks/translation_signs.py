"""How strongly an article shows that it was machine-translated.

Some evidence is only evidence in a translated article: 'PA' beside blood pressure is the
Italian *pressione arteriosa* in a page full of calques and the physician assistant in an
American one; 'SNC' is the central nervous system left in Italian or Spanish. A check that needs
that distinction asks `translation_signs` rather than guessing from the one word. The signs are
independent of the word being judged: mistranslated phrases the terminology check finds and
foreign abbreviations already flagged on their own evidence. Professional English text has none,
so it stays quiet whatever else it abbreviates.
"""
from __future__ import annotations

from ne_lint.checks.base import CheckContext
from ne_lint.nlp import AnalyzedDocument

# two independent signs: one calque can be a quotation or a coincidence, two are a translation
TRANSLATED = 2


def translation_signs(doc: AnalyzedDocument, ctx: CheckContext, foreign_abbreviations: set[str]) -> int:
    """Distinct signs of machine translation in `doc`: calques plus the foreign abbreviations given."""
    cache = doc.__dict__.get("_translation_terms")
    if cache is None:
        from ne_lint.checks.terminology import TerminologyCheck  # the check is the one judge of a calque
        cache = {f.fact.id if f.fact else f.message for f in TerminologyCheck().run(doc, ctx)}
        doc.__dict__["_translation_terms"] = cache
    return len(cache) + len(foreign_abbreviations)
