"""indication: a drug or class said to treat what it does not treat, or is contraindicated in.

A treatment claim is a cue ("treat", "used for", "prescribed for", "useful in the treatment
of", "helps with", "first-line for", "X medications") with drugs or classes on one side and
conditions on the other. The subject is the drug or class heading the clause (not one governed
by a preposition: "the activity *of norepinephrine*"), or what "they" / "these drugs" points
back to. Each condition is judged against the fact file:

- a listed indication or off-label use, or a broader or narrower condition of one, of the drug,
  its classes or (for a class) any member drug: correct, quiet;
- a contraindication or a known wrong use: error;
- anything else, for a subject whose uses the fact file lists: warning ("not a known use").

Negated claims ("are not used to treat depression"), hedged ones ("a common myth is that …")
and conditions named as causes rather than targets stay quiet.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ne_lint.checks.base import Check, CheckContext
from ne_lint.claims import antecedent, coordinated, pronoun_subject, subjects_before
from ne_lint.finding import FactRef, Finding
from ne_lint.language import CLAUSE_BREAK_PUNCT, has_negation, is_hedged
from ne_lint.nlp import AnalyzedBlock, AnalyzedDocument, Mention

# Active cues: SUBJECT … CUE … CONDITIONS. Token-level patterns over lower-cased words.
ACTIVE_CUES = [
    r"(?:to\s+)?treats?", r"treating", r"(?:is|are|was|were|be|being|been)\s+used\s+(?:\w+\s+){0,2}(?:to\s+(?:treat|manage|control|relieve|prevent)|for|in|against)",
    r"used\s+(?:\w+\s+)?(?:to\s+(?:treat|manage|control|relieve|prevent)|for|in\s+the\s+treatment\s+of|against)",
    r"(?:is|are|be|been|often|commonly|also|usually|frequently|sometimes)?\s*prescribed\s+(?:\w+\s+)?(?:to\s+(?:treat|manage|control|relieve|prevent)|for|in)",
    r"indicated\s+(?:for|in)(?:\s+the\s+treatment\s+of)?", r"approved\s+(?:for|to\s+treat)(?:\s+the\s+treatment\s+of)?",
    r"(?:useful|effective|helpful|beneficial|recommended|used|first[- ]line|second[- ]line)\s+(?:\w+\s+)?(?:in|for|against)\s+(?:the\s+)?(?:treatment|treating|management|managing|therapy|prevention|relief)\s+of",
    r"(?:useful|effective|helpful|beneficial|recommended|first[- ]line|second[- ]line|good|suitable|appropriate|ideal|preferred|safe|safest|best)\s+"
    r"(?:treatments?\s+|therapy\s+|drugs?\s+|options?\s+|choices?\s+|solutions?\s+)?(?:(?:also|especially|particularly|even|above\s+all)\s+)?(?:for|in|against)",
    # "can be continued without worry during pregnancy": a safety claim, judged against contraindications
    r"(?:is|are)\s+(?:\w+\s+)?(?:safe|harmless)\s+(?:to\s+(?:use|take)\s+)?(?:during|in|for)",
    r"(?:can|may|could)\s+(?:safely\s+)?(?:be\s+)?(?:safely\s+)?(?:used|taken|continued|given)\s+"
    r"(?:safely\s+|without\s+(?:\w+\s+)?(?:worry|worries|risks?|problems?|danger|concerns?)\s+)?(?:during|in)",
    r"(?:helps?|helped|helping)\s+(?:\w+\s+){0,2}(?:with|treat|relieve|manage|control|ease|reduce|fight|cure|heal|"
    r"eliminate|eradicate|clear|prevent|get\s+rid\s+of)",
    r"(?:relieves?|relieve|manages?|controls?|cures?|cure|prevents?|alleviates?|eases?|combats?|fights?)",
    r"(?:the\s+)?(?:treatment|therapy|management|prevention|relief)\s+(?:of|for)",
    r"(?:a|an|the)\s+(?:\w+\s+)?(?:treatment|therapy|remedy|cure|medication|medicine|drug|option|choice)\s+(?:for|of|against)",
    r"(?:a|an|the)\s+(?:\w+\s+)?(?:option|choice|alternative)\s+(?:also\s+)?(?:in|during)",
    r"(?:can|may|might|could|will|should)\s+(?:also\s+)?(?:be\s+)?(?:used\s+)?(?:off[- ]label\s+)?(?:for|to\s+treat)",
    r"off[- ]label\s+(?:for|to\s+treat|in)",
    # "the first choice to calm hallucinations"
    r"(?:option|choice|alternative)\s+to\s+(?:treat|calm|manage|control|relieve|prevent|reduce|ease|stop)",
    r"(?:the\s+)?(?:treatment|drug|medication|medicine|therapy)\s+of\s+choice\s+(?:for|in|against)",
    r"(?:is|are|was|were|be|been|often|commonly|usually)\s+(?:given|taken|administered|recommended|chosen)\s+(?:\w+\s+)?(?:for|in|against|to\s+(?:treat|manage|control|relieve|prevent))",
    r"works?\s+(?:well\s+)?(?:for|against)",
    # "are recommended to protect the kidneys": the condition names the aim itself
    r"(?:recommended|given|administered|prescribed)\s+to",
]
# "doctors use X against Y": the verb comes first, the drug sits between it and the cue
VERB_FIRST = re.compile(r"\b(?:use|uses|used|using|prescribe|prescribes|prescribed|prescribing|recommend|recommends|"
                        r"give|gives|administer|administers|try|tries|choose|chooses)\b")
VERB_FIRST_CUE = re.compile(r"^\s*(?:,\s*)?(?:to\s+(?:treat|manage|control|relieve|prevent|fight|combat)|for|against|"
                            r"in\s+(?:the\s+)?(?:treatment|management)\s+of|as\s+(?:a\s+)?(?:treatment|therapy)\s+for)\s*$")
# Passive cues: CONDITIONS … CUE … SUBJECT ("depression is treated with SSRIs").
PASSIVE_CUES = [
    r"(?:is|are|can\s+be|may\s+be|was|were|often|usually|commonly)\s+(?:\w+\s+)?(?:treated|managed|controlled|relieved|prevented)\s+(?:\w+\s+)?(?:with|by|using)",
    r"(?:treatment|therapy|drugs?|medications?|medicines?)\s+(?:for|of)\s+(?:\w+\s+){0,2}(?:includes?|including|are|is)",
]
FRONTED_VERDICT = re.compile(
    r"^\s*(?:is|are|remains?|would\s+be|will\s+be)\s+(?:considered\s+|regarded\s+as\s+|seen\s+as\s+)?(?:also\s+|still\s+|usually\s+|often\s+)?"
    r"(?:the\s+(?:best|first|right|preferred|safest|ideal|usual)|a\s+good|an?\s+(?:ideal|excellent|safe|effective|appropriate)|"
    r"first[- ]line|the\s+treatment\s+of)\s*(?:choice|choices|option|options|treatment|treatments|drugs?|medicines?|choice\s+of)?\b")
# a verb of advice before the subject: a negation there denies the whole claim
RECOMMEND_BEFORE = re.compile(r"\b(?:recommend\w*|advis\w*|suggest\w*|endors\w*|support\w*|use|uses|using|give|gives|prescrib\w*)\b[^.;:]*$", re.I)
# "haloperidol is the treatment of choice" with no condition named: a verdict on the topic
TOPIC_VERDICT = re.compile(
    r"\b(?:is|are|remains?)\s+(?:considered\s+)?(?:also\s+|still\s+|usually\s+|then\s+)?(?:the\s+(?:treatment|drug|medicine|medication)s?\s+of\s+choice|"
    r"the\s+(?:best|first|preferred|safest|ideal)\s+(?:choice|option|treatment|drug|medicine)|"
    r"an?\s+(?:good|safe|excellent|ideal)\s+(?:alternative|option|choice)|first[- ]line(?:\s+treatment)?)\b", re.I)
# A noun phrase naming a use: "first-line ADHD medications", "a migraine drug".
CONDITION_NOUN = re.compile(r"^(?:medications?|drugs?|medicines?|treatments?|therapy|therapies|remedy|remedies|pills?)$")
ACTIVE = [re.compile(r"\b" + p + r"\b") for p in ACTIVE_CUES]
PASSIVE = [re.compile(r"\b" + p + r"\b") for p in PASSIVE_CUES]
# conditions introduced like this are causes or effects, not targets of treatment
NOT_TARGET = re.compile(r"\b(?:caus\w*|trigger\w*|worsen\w*|side effects?|risk of|lead to|leads to|induc\w*|"
                        r"result\w* in|associated with|linked to|interact\w*|sign of|signs of|history of|"
                        r"caution|cautiously|carefully|care in|avoid\w*|monitor\w*|screen\w*|diagnos\w*|"
                        r"measur\w*|detect\w*|develop\w*|experienc\w*|intoleran\w*|allerg\w*)\b")
# "for people who have had a heart attack": a history, judged only for contraindications
HISTORY = re.compile(r"\bwho\s+(?:had|have\s+had|has\s+had|got|suffered)\b")
# conditions a drug is taken *in*, never *for*: a claim about them says it is safe there
SAFETY_CONDITIONS = {"pregnancy", "breastfeeding"}
POPULATION = re.compile(r"\b(?:patients?|people|persons?|adults?|children|women|men|those|anyone|someone|individuals?)\s+"
                        r"(?:with|who\s+have|who\s+has|who\s+had|suffering\s+from|living\s+with)\b")
LIST_JOIN = {",", "and", "or", "as", "well", "also", "even", "other", "such", "including", "like", "the", "a",
             "an", "some", "certain", "mild", "moderate", "severe", "chronic", "acute", "of", "symptoms",
             "related", "disorders", "conditions", "associated", "forms", "types", "/", "(", ")", "-", "both"}


@dataclass
class Claim:
    subjects: list[Mention]
    conditions: list[Mention]
    cue_start: int  # token index
    pronoun: bool = False
    # "used in patients with cirrhosis": the condition names who gets the drug, which is a use
    # only sometimes; such claims are judged for contraindications and known wrong uses only
    population: bool = False
    # the condition is the topic of the heading above, not named in the sentence
    topic: bool = False
    # who gets the drug, named after what it is given for: only a contraindication is an error
    only_contraindications: bool = False


class IndicationCheck(Check):
    id = "indication"
    severity = "error"
    summary = "A drug or class said to treat what it does not treat, or is contraindicated in."
    doc = """\
## What it does
Finds treatment claims — "X treats Y", "X is used for Y", "X is prescribed for Y", "X is useful
in the treatment of Y", "X helps with Y", "first-line Y medications", "Y is treated with X" —
and checks each condition against the fact file's indications, off-label uses,
contraindications and known wrong uses of the drug, of its classes and, for a class, of its
member drugs. A condition broader or narrower than a listed use counts as that use.
A recommendation that names no condition ("haloperidol is the treatment of choice") is read
against the conditions of the article's first heading and of the heading above it, and who
gets a drug ("... in people with Lewy body dementia") against its contraindications: both
only report contraindications.

## Why is this bad?
A false indication can send a reader to ask for the wrong drug, or to stop a right one: beta-
blockers do not treat depression, and non-selective beta-blockers are dangerous in asthma.

## Example
```
Beta-blockers reduce the activity of norepinephrine and are useful in the treatment of depression.
```

## How to fix
Remove the condition or name a drug that treats it (SSRIs and SNRIs for depression). If the use
is real but missing from the fact file, add it there with its source.
"""

    def run(self, doc: AnalyzedDocument, ctx: CheckContext) -> Iterable[Finding]:
        first_heading = next((ab for ab in doc.blocks if ab.block.kind == "heading"), None)
        for ab in doc.blocks:
            conditions = [m for m in ab.mentions if m.kind == "condition"]
            for sent in ab.sentences():
                if is_hedged(ab.block.text[sent.start_char:sent.end_char]):
                    continue
                found = []
                if any(sent.start <= c.start < sent.end for c in conditions):
                    for claim in self._claims(doc, ab, sent):
                        found += self._judge(ab, claim, ctx)
                # "cannot empty the bladder well (urinary retention)": one condition named twice
                found = list({f.message: f for f in reversed(found)}.values())[::-1]
                yield from found
                if not found:  # one finding a sentence: the topic only when nothing else is wrong
                    for claim in self._topic_claims(doc, ab, sent, first_heading):
                        yield from self._judge(ab, claim, ctx)

    # ---- claims ----------------------------------------------------------------------------
    def _claims(self, doc: AnalyzedDocument, ab: AnalyzedBlock, sent) -> Iterable[Claim]:
        words = [t.lower_ for t in sent]
        joined, starts = _join(words)
        used_conditions: set[int] = set()
        for rx in PASSIVE:
            for m in rx.finditer(joined):
                cue_tok = sent.start + _token_at(starts, m.start())
                cue_end = sent.start + _token_at(starts, m.end() - 1) + 1
                before = [c for c in ab.mentions if c.kind == "condition" and sent.start <= c.start < cue_tok]
                subj = [s for s in ab.mentions if s.kind in ("drug", "class") and cue_end <= s.start < sent.end]
                if before and subj and not has_negation(ab.doc[before[-1].end:cue_end]):
                    conds = _condition_run(ab, before[-1], direction=-1)
                    used_conditions.update(c.start for c in conds)
                    yield Claim(subj[:1] + [s for s in subj[1:] if s.start - subj[0].end <= 3], conds, cue_tok)
        for rx in ACTIVE:
            for m in rx.finditer(joined):
                cue_tok = sent.start + _token_at(starts, m.start())
                cue_end = sent.start + _token_at(starts, m.end() - 1) + 1
                after = [c for c in ab.mentions if c.kind == "condition" and cue_end <= c.start < sent.end
                         and c.start not in used_conditions]
                if not after:
                    continue
                first = after[0]
                gap = ab.doc[cue_end:first.start]
                # the condition must be the cue's object: no clause break, comma or new coordination
                # in between ("used for congestion, and comorbidities such as hypertension")
                if len(gap) > 6 or any(t.text in CLAUSE_BREAK_PUNCT or t.text in (".", ",") or t.lower_ in ("and", "or")
                                       for t in gap):
                    continue
                lead = " ".join(t.lower_ for t in ab.doc[max(cue_tok - 2, sent.start):first.start])
                if NOT_TARGET.search(lead):
                    continue
                subjects, pronoun = self._subjects(doc, ab, sent, cue_tok)
                if not subjects:
                    continue
                span_start = subjects[0].end if not pronoun else sent.start
                if has_negation(ab.doc[span_start:cue_end]) or has_negation(ab.doc[max(sent.start, cue_tok - 3):cue_tok]):
                    continue
                if not pronoun and RECOMMEND_BEFORE.search(ab.block.text[sent.start_char:subjects[0].start_char]) and \
                        has_negation(ab.doc[max(sent.start, subjects[0].start - 6):subjects[0].start]):
                    continue  # "RCUK no longer recommends routine corticosteroids in the treatment of anaphylaxis"
                conds = _condition_run(ab, first, direction=1)
                used_conditions.update(c.start for c in conds)
                population = bool(POPULATION.search(" ".join(t.lower_ for t in gap)) or HISTORY.search(lead))
                yield Claim(subjects, conds, cue_tok, pronoun, population)
                # "... to calm hallucinations in people with Lewy body dementia": who gets it, later on
                for c in ab.mentions:
                    if (c.kind != "condition" or not (conds[-1].end <= c.start < sent.end)
                            or c.start in used_conditions):
                        continue
                    between = ab.doc[conds[-1].end:c.start]
                    if len(between) > 8 or any(t.text in CLAUSE_BREAK_PUNCT or t.text in (".", ";") for t in between):
                        break
                    if POPULATION.search(" ".join(t.lower_ for t in between[-4:])):
                        used_conditions.add(c.start)
                        yield Claim(subjects, [c], cue_tok, pronoun, population=True, only_contraindications=True)
                        break
        # "doctors use propranolol against asthma"
        for m in VERB_FIRST.finditer(joined):
            verb_end = sent.start + _token_at(starts, m.end() - 1) + 1
            drugs = [d for d in ab.mentions if d.kind in ("drug", "class") and verb_end <= d.start < min(verb_end + 4, sent.end)]
            if not drugs:
                continue
            group = coordinated(ab, drugs[0], direction=1)
            conds = [c for c in ab.mentions if c.kind == "condition" and group[-1].end <= c.start < sent.end
                     and c.start not in used_conditions]
            if not conds:
                continue
            between = ab.block.text[group[-1].end_char:conds[0].start_char].lower()
            if VERB_FIRST_CUE.match(between) and not has_negation(ab.doc[max(sent.start, verb_end - 4):conds[0].start]):
                run = _condition_run(ab, conds[0], direction=1)
                used_conditions.update(c.start for c in run)
                yield Claim(group, run, verb_end)
        # "For the pain of an ulcer, ibuprofen or diclofenac are the best choice": the condition
        # fronted, the subjects after the comma, a verdict after them
        yield from self._fronted(ab, sent, used_conditions)
        # "first-line ADHD medications": the condition names the use of the subject
        for c in ab.mentions:
            if c.kind != "condition" or not (sent.start <= c.start < sent.end) or c.start in used_conditions:
                continue
            if c.end < sent.end and CONDITION_NOUN.match(ab.doc[c.end].lower_):
                copula = [t for t in ab.doc[sent.start:c.start] if t.lower_ in ("is", "are", "was", "were", "considered", "remain", "remains")]
                if not copula:
                    continue
                subjects, pronoun = self._subjects(doc, ab, sent, copula[0].i)
                if subjects and not has_negation(ab.doc[sent.start:c.start]):
                    yield Claim(subjects, [c], copula[0].i, pronoun)

    def _topic_claims(self, doc: AnalyzedDocument, ab: AnalyzedBlock, sent, first_heading) -> Iterable[Claim]:
        """'When this happens, haloperidol is the treatment of choice', under a heading on
        Parkinson's disease: a recommendation is also about the article's topic ("beta-blockers are
        a good option to calm the palpitations", under a heading on asthma).

        The topic is the conditions of the article's first heading and of the heading the
        sentence sits under; such a claim is judged like a population claim (contraindications
        and known wrong uses only), since the topic is where the drug is given, not always what
        it treats."""
        if not any(m.kind in ("drug", "class") and sent.start <= m.start < sent.end for m in ab.mentions):
            return
        m = TOPIC_VERDICT.search(ab.block.text, sent.start_char, sent.end_char)
        if m is None:
            return
        cue_tok = next((t.i for t in ab.doc[sent.start:sent.end] if t.idx >= m.start()), None)
        if cue_tok is None or has_negation(ab.doc[sent.start:cue_tok + 1]):
            return
        subjects, pronoun = self._subjects(doc, ab, sent, cue_tok)
        if not subjects or pronoun:
            return
        # "beta-blockers such as propranolol are a good option": the examples are recommended too
        subjects = [m for m in ab.mentions if m.kind in ("drug", "class")
                    and subjects[0].start <= m.start < cue_tok]
        headings = [first_heading, doc.by_index(ab.block.heading)]
        named_here = {c.id for c in ab.mentions if c.kind == "condition" and sent.start <= c.start < sent.end}
        topic = [c for h in headings if h is not None and h is not ab for c in h.mentions
                 if c.kind == "condition" and c.id not in named_here]
        if topic:
            yield Claim(subjects, list({c.id: c for c in topic}.values()), cue_tok, population=True, topic=True,
                        only_contraindications=True)

    @staticmethod
    def _fronted(ab: AnalyzedBlock, sent, used_conditions: set[int]) -> Iterable[Claim]:
        if ab.doc[sent.start].lower_ not in ("for", "against", "in"):
            return
        comma = next((t.i for t in ab.doc[sent.start:sent.end] if t.text == ","), None)
        if comma is None:
            return
        conds = [c for c in ab.mentions if c.kind == "condition" and sent.start < c.start < comma
                 and c.start not in used_conditions]
        subjects = [s for s in ab.mentions if s.kind in ("drug", "class") and comma < s.start < sent.end]
        if not conds or not subjects:
            return
        if any(s.start < comma for s in ab.mentions if s.kind in ("drug", "class") and sent.start <= s.start):
            return  # "For X with drug Y, ...": the front is not only the condition
        group = coordinated(ab, subjects[0], direction=1)
        if group[0].start != comma + 1 and ab.doc[comma + 1].lower_ not in ("the", "both", "either"):
            return
        tail = ab.block.text[group[-1].end_char:sent.end_char].lower()
        if FRONTED_VERDICT.match(tail) and not has_negation(ab.doc[sent.start:sent.end]):
            used_conditions.update(c.start for c in conds)
            yield Claim(group, conds, comma + 1)

    def _subjects(self, doc, ab, sent, cue_tok) -> tuple[list[Mention], bool]:
        clause_start = sent.start
        for i in range(cue_tok - 1, sent.start - 1, -1):
            if ab.doc[i].text in (";", ":") or ab.doc[i].lower_ in ("but", "whereas", "while", "although", "though"):
                clause_start = i + 1
                break
        subjects = subjects_before(ab, clause_start, cue_tok)
        if subjects:
            return subjects, False
        if pronoun_subject(ab, clause_start, cue_tok):
            return antecedent(doc, ab, cue_tok), True
        return [], False

    # ---- verdict ---------------------------------------------------------------------------
    def _judge(self, ab: AnalyzedBlock, claim: Claim, ctx: CheckContext) -> Iterable[Finding]:
        facts = ctx.facts
        for cond in claim.conditions:
            cond_id = cond.id
            verdicts = []
            for subj in claim.subjects:
                v = _verdict(facts, subj, cond_id)
                if v and (v[0] == "contraindicated" or not claim.only_contraindications):
                    verdicts.append((subj, v))
            if not verdicts or len(verdicts) < len(claim.subjects) and all(v[1][0] == "unknown" for v in verdicts):
                # another subject in the same claim does treat it ("SSRIs and SNRIs treat X"):
                # a gap in one subject's uses is not worth a warning
                if not verdicts:
                    continue
            subj, (kind, uses, fact) = verdicts[0]
            if kind == "unknown" and (claim.population or cond_id in SAFETY_CONDITIONS):
                continue
            if claim.only_contraindications and kind != "contraindicated":
                continue
            names = " and ".join(dict.fromkeys(s.text for s, _ in verdicts))
            cname = facts.condition_display(cond_id)
            listed = ", ".join(sorted({facts.condition_display(u) for u in uses})[:8]) or "none"
            if kind == "contraindicated" and cond_id in SAFETY_CONDITIONS:
                message = f"{names} {'are' if _plural(names) else 'is'} contraindicated in {cname}"
                severity = "error"
            elif kind == "contraindicated" and claim.topic:
                message = (f"{names} {'are' if _plural(names) else 'is'} contraindicated in {cname}, "
                           f"which the heading above names: not a choice there")
                severity = "error"
            elif kind == "contraindicated" and claim.population:
                message = f"{names} {'are' if _plural(names) else 'is'} contraindicated in {cname}"
                severity = "error"
            elif kind == "contraindicated":
                message = f"{names} {'are' if _plural(names) else 'is'} contraindicated in {cname}, not a treatment for it"
                severity = "error"
            elif kind == "wrong":
                message = f"{names} {'do' if _plural(names) else 'does'} not treat {cname}"
                severity = "error"
            else:
                message = (f"{cname} is not a known use of {names}; the fact file lists: {listed}")
                severity = "warning"
            start, end = _claim_span(ab, subj, cond)
            yield self.finding(
                ab, start, end, message, severity=severity,
                suggestion=f"remove {cond.text}, or name a drug used for it" + (
                    "" if kind != "unknown" else "; if this use is real, add it to the fact file with its source"),
                fact=fact)


def _claim_span(ab: AnalyzedBlock, subj: Mention, cond: Mention) -> tuple[int, int]:
    """The condition; or the whole claim when it is short and names nothing else
    ("serotonin syndrome is treated with bromocriptine"); the subject when the condition is
    the topic named by a heading."""
    if not any(m is cond for m in ab.mentions):
        return subj.start_char, subj.end_char
    if not any(m is subj for m in ab.mentions) or ab.doc[subj.start].sent.start != ab.doc[cond.start].sent.start:
        return cond.start_char, cond.end_char
    lo, hi = sorted((subj, cond), key=lambda m: m.start)
    others = [m for m in ab.mentions if m.kind in ("condition", "drug", "class") and lo.end <= m.start < hi.start]
    if hi.start - lo.end <= 6 and not others:
        return lo.start_char, hi.end_char
    return cond.start_char, cond.end_char


def _plural(names: str) -> bool:
    return " and " in names or names.endswith("s")


def _verdict(facts, subj: Mention, cond_id: str):
    """None if the subject treats the condition; else (kind, listed uses, fact)."""
    if subj.kind == "drug" or (subj.reading("drug") and not subj.reading("class")):
        drug_id = subj.reading("drug")[0]
        uses = facts.uses_of_drug(drug_id)
        fact_kind, fact_id = "drugs", drug_id
        entry = facts.drugs[drug_id]
    else:
        class_id = subj.reading("class")[0]
        uses = facts.uses_of_class(class_id)
        fact_kind, fact_id = "classes", class_id
        entry = facts.classes[class_id]
    good = uses["indications"] | uses["off_label"]
    fact = FactRef(fact_id, fact_kind, list(entry.sources))
    ancestors = facts.condition_ancestors(cond_id)
    # a wrong use narrower than a listed use wins over it: carbamazepine treats epilepsy but
    # not absence seizures; only a use at least as specific as the wrong one saves the claim
    for kind, bad in (("contraindicated", uses["contraindications"]), ("wrong", uses["wrong_uses"])):
        hits = [c for c in bad if c in ancestors]
        if hits and not any(u in ancestors and any(c in facts.condition_ancestors(u) for c in hits)
                            or cond_id in facts.condition_ancestors(u) for u in good):
            return kind, good, fact
    if any(facts.conditions_related(cond_id, u) for u in good):
        return None
    if len(good) < 2:
        return None  # the fact file knows too little about this subject to judge
    classes = entry.classes if fact_kind == "drugs" else [entry.id]
    if any(facts.conditions_related(cond_id, u) for u in facts.family_uses(classes)):
        return None  # a sibling drug has this use: maybe an unrecorded off-label one
    return "unknown", good, fact


def _join(words: list[str]) -> tuple[str, list[int]]:
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    return " ".join(words), starts


def _token_at(starts: list[int], char: int) -> int:
    lo = 0
    for i, s in enumerate(starts):
        if s <= char:
            lo = i
        else:
            break
    return lo


def _condition_run(ab: AnalyzedBlock, first: Mention, direction: int) -> list[Mention]:
    """The condition and the ones listed with it ("depression, anxiety, and panic disorder")."""
    conds = sorted((m for m in ab.mentions if m.kind == "condition"), key=lambda m: m.start)
    idx = conds.index(first)
    run = [first]
    i = idx
    sent = ab.doc[first.start].sent
    while 0 <= i + direction < len(conds):
        cur, nxt = conds[i], conds[i + direction]
        if not (sent.start <= nxt.start < sent.end):
            break
        lo, hi = (cur.end, nxt.start) if direction > 0 else (nxt.end, cur.start)
        gap = ab.doc[lo:hi]
        if len(gap) > 5 or any(t.lower_ not in LIST_JOIN for t in gap):
            break
        if any(m.kind in ("drug", "class") and lo <= m.start < hi for m in ab.mentions):
            break
        run.append(nxt)
        i += direction
    return run
