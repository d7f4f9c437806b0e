"""terminology: mistranslations and false friends, judged by their context.

Each entry of the fact file's `terms` section names the phrases a machine translation writes
("social network" for the Spanish SNS, "trunk" for "tronco encefálico"), cue words that show the
context in which they are wrong, and cue words that show the context in which they are fine.
The check looks at the sentence around the phrase; for a list item it also reads the list's
intro and the sibling items, since a bare item ("Surveillance") has no sentence of its own.
"""
from __future__ import annotations

import re
from typing import Iterable

from ne_lint.checks.base import Check, CheckContext
from ne_lint.finding import Finding
from ne_lint.nlp import AnalyzedBlock, AnalyzedDocument

_WORD = re.compile(r"[a-z0-9µ]+(?:[-'][a-z0-9]+)*")


def context_text(doc: AnalyzedDocument, ab: AnalyzedBlock, token_index: int) -> str:
    """The sentence around a token with the sentences either side of it in its paragraph ("The
    glands produce too much sebum. People with fat skin are more often affected."); for a list
    item, the whole list and its intro."""
    block = ab.block
    if block.kind == "list_item" and block.list_id is not None:
        parts = [x.block.text for x in doc.list_items(block.list_id)]
        intro = doc.by_index(block.list_intro)
        if intro is not None:
            parts.insert(0, intro.block.text)
        return " ".join(parts)
    sents = ab.sentences()
    here = ab.doc[token_index].sent
    i = next((k for k, x in enumerate(sents) if x.start == here.start), None)
    if i is None:
        return here.text
    lo, hi = sents[max(0, i - 1)], sents[min(len(sents) - 1, i + 1)]
    return ab.block.text[lo.start_char:hi.end_char]


def cue_present(cues: list[str], words: list[str], text: str) -> str | None:
    """The first cue found: a multi-word cue as a phrase, a single word as a word prefix."""
    for cue in cues:
        c = cue.lower().strip()
        if not c:
            continue
        if " " in c or "-" in c:
            if re.search(r"(?<![a-z])" + re.escape(c), text):
                return cue
        elif any(w.startswith(c) for w in words):
            return cue
    return None


class TerminologyCheck(Check):
    id = "terminology"
    severity = "error"
    summary = "Mistranslations and false friends, in the context where they are wrong."
    doc = """\
## What it does
Flags phrases that machine translation produces from medical text in Spanish, Portuguese,
French, Italian or German when the context shows the medical sense: "social network" for SNS
(the sympathetic nervous system), "trunk" for the brainstem, "dropper" for an IV drip,
"arterial tension" for blood pressure, "constipated" for having a cold. Each phrase comes from
the fact file with the cue words that make it wrong and the cue words that make it fine, so
"social networks like Facebook" and "the trunk and limbs" stay quiet.

## Why is this bad?
The reader gets a sentence that is grammatical and false: "its social network signals the
adrenal glands" teaches nothing about the sympathetic nervous system and undermines trust.

## Example
```
When the body is stressed, its social network signals the adrenal glands.
```

## How to fix
Write what the source meant: "its sympathetic nervous system (SNS) signals the adrenal glands".
"""

    def run(self, doc: AnalyzedDocument, ctx: CheckContext) -> Iterable[Finding]:
        terms = ctx.facts.terms
        for ab in doc.blocks:
            for m in ab.extra.get("term", ()):
                term = terms.get(m.id)
                if term is None:
                    continue
                nxt = ab.doc[m.end].lower_ if m.end < len(ab.doc) else ""
                if nxt and nxt in {w.lower() for w in term.not_followed_by}:
                    continue
                text = context_text(doc, ab, m.start)
                lowered = text.lower()
                # the phrase itself is not a cue for its own context
                lowered_wo = lowered.replace(m.text.lower(), " ")
                words = _WORD.findall(lowered_wo)
                fine = cue_present(term.fine_if_near, words, lowered_wo)
                if fine:
                    continue
                wrong = cue_present(term.wrong_if_near, words, lowered_wo) if term.wrong_if_near else "any"
                if not wrong:
                    continue
                why = term.explanation or f"a mistranslation of {term.right}"
                fix = _cased(term.right, m.text) if term.fix else None
                yield self.finding(
                    ab, m.start_char, m.end_char,
                    f"'{m.text}' is a mistranslation here: the source meant {term.right}. {why}".strip(),
                    suggestion=f"write '{term.right}'", fix=fix, fact=ctx.fact("terms", term.id))


def _cased(right: str, written: str) -> str:
    if written[:1].isupper() and right[:1].islower():
        return right[:1].upper() + right[1:]
    return right
