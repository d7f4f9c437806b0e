"""Language patterns shared by the checks: negation, hedges, clause limits, list intros.

These are facts about English, not about medicine, so they live in code. The approach follows
NegEx / medspacy's ConText: a cue word has a direction and a scope that ends at a terminating
cue (a clause break such as "but" or ";"); pseudo-cues like "not only" are not negations.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only when a pipeline is built (a cached run never needs it)
    from spacy.tokens import Span, Token

NEGATION_WORDS = {
    "not", "n't", "never", "no", "neither", "nor", "without", "cannot", "unlike", "none",
    "nothing", "nobody", "lacks", "lack", "isnt", "arent", "doesnt", "dont",
}
NEGATION_PHRASES = ("rather than", "instead of", "other than", "as opposed to", "no longer",
                    "is different from", "are different from", "differs from", "differ from",
                    "not a", "not an")
PSEUDO_NEGATIONS = ("not only", "not just", "no doubt", "not necessarily", "whether or not",
                    "not to mention", "no matter", "nothing but",
                    # "can be continued without worry during pregnancy": a claim of safety, not a denial
                    "without worry", "without worries", "without any worry", "without risk", "without any risk",
                    "without problems", "without any problems", "without danger", "without fear", "without concern")
# a sentence that discusses an error rather than making the claim
HEDGE_WORDS = {
    "myth", "myths", "misconception", "misconceptions", "mistakenly", "wrongly", "incorrectly",
    "erroneously", "falsely", "confused", "confuse", "confusing", "mistaken", "contrary",
    "misclassified", "misnomer", "sometimes called", "misspelled", "misspelling",
}
CLAUSE_BREAK_WORDS = {"but", "whereas", "while", "although", "though", "however", "yet", "unless",
                      "except", "because", "since"}
CLAUSE_BREAK_PUNCT = {";", ":", "—", "–", "(", ")"}


def lower_words(tokens) -> list[str]:
    return [t.lower_ for t in tokens]


def has_negation(tokens) -> bool:
    """Whether a token run holds a negation cue that is not a pseudo-negation."""
    words = lower_words(tokens)
    text = " " + " ".join(words) + " "
    for pseudo in PSEUDO_NEGATIONS:
        text = text.replace(" " + pseudo + " ", " ")
    words = text.split()
    if any(w in NEGATION_WORDS for w in words):
        return True
    text = " " + " ".join(words) + " "
    return any(" " + p + " " in text for p in NEGATION_PHRASES)


_HEDGE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, HEDGE_WORDS), key=len, reverse=True)) + r")\b")


def is_hedged(sentence_text: str) -> bool:
    """The sentence's text, sliced from the block by the caller: `Span.text` rebuilds it token by token."""
    return bool(_HEDGE.search(sentence_text.lower()))


def clause_bounds(sentence: Span, token_index: int) -> tuple[int, int]:
    """Token range [start, end) of the clause around a token inside a sentence."""
    doc = sentence.doc
    start = sentence.start
    for i in range(token_index - 1, sentence.start - 1, -1):
        t = doc[i]
        if t.text in CLAUSE_BREAK_PUNCT or t.lower_ in CLAUSE_BREAK_WORDS:
            start = i + 1
            break
    end = sentence.end
    for i in range(token_index + 1, sentence.end):
        t = doc[i]
        if t.text in CLAUSE_BREAK_PUNCT or t.lower_ in CLAUSE_BREAK_WORDS:
            end = i
            break
    return start, end


def sentence_of(doc, token_index: int) -> Span:
    return doc[token_index].sent


def is_capitalized(token: Token) -> bool:
    return token.text[:1].isupper()


def word_prefix_match(word: str, cues) -> bool:
    """Whether a word starts with one of the cue stems ('nerv' matches 'nerves')."""
    return any(word.startswith(c) for c in cues)


def normalize_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
