"""Finding who a sentence talks about: drug and class mentions grouped into subjects and lists.

Shared by drug-class, brand-generic and indication. Without a parser, the subject of a clause
is approximated the way a reader skims: the drug or class mentions before the verb that are not
objects of a preposition ("the activity *of norepinephrine*"), together with those coordinated
with them ("X, Y and Z"). "They", "these drugs" and similar point back to the last subject named.
"""
from __future__ import annotations

from dataclasses import dataclass

from ne_lint.nlp import AnalyzedBlock, AnalyzedDocument, Mention

PREPOSITIONS = {"of", "with", "by", "from", "to", "than", "like", "unlike", "about", "on", "in", "into",
                "for", "against", "between", "among", "after", "before", "during", "without", "via",
                "through", "under", "over", "besides", "including", "alongside", "plus"}
COORDINATION = {",", "and", "or", "&", "/", "as", "well", "(", ")", "also", "both", "either"}
# a drug name used as a modifier names something else: "dopamine receptors", "serotonin levels"
MODIFIED_NOUNS = {"receptor", "receptors", "antagonist", "antagonists", "agonist", "agonists", "blocker", "blockers",
                  "inhibitor", "inhibitors", "reuptake", "release", "levels", "level", "activity", "deficiency",
                  "production", "secretion", "system", "systems", "pathway", "pathways", "neurons", "neuron",
                  "analog", "analogs", "analogue", "analogues", "transporter", "transporters", "signaling",
                  "signalling", "synthesis", "metabolism", "concentration", "concentrations", "test", "tests",
                  "testing", "surge", "rush", "imbalance", "modulators", "modulator", "precursor", "precursors",
                  "metabolite", "metabolites", "toxicity", "overdose", "withdrawal", "abuse", "misuse", "users"}
PRONOUNS = {"they", "it", "these", "this", "such", "both", "those", "them", "all"}
PRONOUN_HEADS = {"medications", "medication", "drugs", "drug", "medicines", "medicine", "agents", "agent",
                 "treatments", "pills", "ones", "products", "compounds", "substances", "hormones", "hormone"}


@dataclass
class Subject:
    mention: Mention
    block: AnalyzedBlock

    @property
    def kind(self) -> str:
        return self.mention.kind

    @property
    def id(self) -> str:
        return self.mention.id


def entity_mentions(ab: AnalyzedBlock, kinds=("drug", "class")) -> list[Mention]:
    return [m for m in ab.mentions if m.kind in kinds]


def coordinated(ab: AnalyzedBlock, anchor: Mention, kinds=("drug", "class"), direction: int = -1,
                max_gap: int = 4) -> list[Mention]:
    """The anchor and the mentions joined to it by commas, 'and', 'or' or parentheses."""
    pool = sorted(entity_mentions(ab, kinds), key=lambda m: m.start)
    idx = next(i for i, m in enumerate(pool) if m is anchor)
    group = [anchor]
    step = -1 if direction < 0 else 1
    i = idx
    while 0 <= i + step < len(pool):
        cur, nxt = pool[i], pool[i + step]
        lo, hi = (nxt.end, cur.start) if step < 0 else (cur.end, nxt.start)
        gap = ab.doc[lo:hi]
        if hi < lo or len(gap) > max_gap or any(t.lower_ not in COORDINATION for t in gap):
            break
        group.append(nxt)
        i += step
    return sorted(group, key=lambda m: m.start)


# "a course of antibiotics", "the use of beta-blockers": nouns that measure out a drug
QUANTITY_NOUNS = {"course", "courses", "dose", "doses", "dosage", "use", "combination", "combinations", "pack",
                  "cycle", "cycles", "regimen", "intake", "injection", "injections", "prescription", "tablet",
                  "tablets", "capsule", "capsules", "infusion", "pill", "pills", "shot", "shots"}


def preceded_by_preposition(ab: AnalyzedBlock, mention: Mention) -> bool:
    """Whether the mention is the object of a preposition: 'the activity of norepinephrine'."""
    i = mention.start - 1
    doc = ab.doc
    while i >= 0 and doc[i].lower_ in {"the", "a", "an", "other", "some", "certain", "most", "many", "these",
                                      "those", "all", "both", "either", "such", "as", "well"}:
        i -= 1
    while i >= 0 and doc[i].lower_ in COORDINATION:
        # walk back over a coordinated list to the word that governs it
        j = i - 1
        prev = [m for m in ab.mentions if m.end - 1 == j or m.end == i]
        if not prev:
            break
        i = prev[0].start - 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in QUANTITY_NOUNS:
        return False  # "a short course of antibiotics helps": the drug is what the phrase is about
    return i >= 0 and doc[i].lower_ in PREPOSITIONS


def is_modifier(ab: AnalyzedBlock, mention: Mention) -> bool:
    """Whether the mention modifies a following noun ("dopamine receptors") instead of naming the drug."""
    doc = ab.doc
    i = mention.end
    if i < len(doc) and doc[i].text in ("-", "–"):
        i += 1
    return i < len(doc) and doc[i].lower_ in MODIFIED_NOUNS


def subjects_before(ab: AnalyzedBlock, start: int, end: int, kinds=("drug", "class")) -> list[Mention]:
    """Subject mentions in tokens [start, end): the first mention not governed by a preposition,
    with everything coordinated with it."""
    candidates = [m for m in entity_mentions(ab, kinds) if start <= m.start and m.end <= end]
    for m in candidates:
        if not preceded_by_preposition(ab, m) and not (m.kind == "drug" and is_modifier(ab, m)):
            return coordinated(ab, m, kinds, direction=1)
    return []


def pronoun_subject(ab: AnalyzedBlock, start: int, end: int) -> bool:
    """Whether tokens [start, end) open with a pronoun or 'these medications'-like phrase."""
    words = [t.lower_ for t in ab.doc[start:end]]
    for i, w in enumerate(words[:4]):
        if w in {"they", "it"}:
            return True
        if w in PRONOUNS and i + 1 < len(words) and words[i + 1] in PRONOUN_HEADS:
            return True
    return False


def antecedent(doc: AnalyzedDocument, ab: AnalyzedBlock, before_token: int, kinds=("drug", "class")) -> list[Mention]:
    """The last subject named before a token: in this block's earlier sentences, else the
    previous block, else the heading."""
    sent_start = ab.doc[before_token].sent.start
    earlier = [m for m in entity_mentions(ab, kinds) if m.end <= sent_start]
    if earlier:
        first_of_last_sentence = ab.doc[earlier[-1].start].sent
        in_sent = [m for m in earlier if first_of_last_sentence.start <= m.start < first_of_last_sentence.end]
        subj = subjects_before(ab, first_of_last_sentence.start, first_of_last_sentence.end, kinds)
        return subj or in_sent[:1]
    prev = doc.by_index(ab.block.index - 1) if ab.block.index > 0 else None
    if prev is not None and prev.block.kind != "heading":
        ms = entity_mentions(prev, kinds)
        if ms:
            last_sent = prev.doc[ms[-1].start].sent
            subj = subjects_before(prev, last_sent.start, last_sent.end, kinds)
            return subj or [ms[-1]]
    heading = doc.by_index(ab.block.heading)
    if heading is not None:
        ms = entity_mentions(heading, kinds)
        if len(ms) == 1:
            return ms
    return []
