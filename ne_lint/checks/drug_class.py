"""drug-class: a drug placed in a class it does not belong to.

Claims of membership come in a handful of shapes, each recognised here as a language pattern
over fact-file mentions:

- list scope: a list whose intro ("Commonly prescribed amphetamines include:") or heading
  ("Beta blockers") names a class, and whose items name drugs;
- copula: "Bupropion is an SSRI", "Atenolol is a type of ACE inhibitor", "X and Y are SNRIs";
- apposition: "Concerta, an amphetamine,", "Wellbutrin (an SSRI)";
- examples: "SSRIs such as / like / including sertraline and bupropion", "MAOIs (phenelzine,
  sertraline)", "Ritalin and other amphetamines", "among the beta-blockers we find / are X".

Membership comes from the fact file (a drug is in its classes and all their parents). Negation
("is not an amphetamine", "unlike amphetamines") and sentences that discuss a misconception stay
quiet.
"""
from __future__ import annotations

import re
from typing import Iterable

from ne_lint.checks.base import Check, CheckContext
from ne_lint.claims import coordinated, entity_mentions
from ne_lint.finding import FactRef, Finding
from ne_lint.language import has_negation, is_hedged
from ne_lint.nlp import AnalyzedBlock, AnalyzedDocument, Mention

_FILLER_STOP = (r"(?!(?:with|than|to|from|by|like|for|in|on|of|as|and|or|but|used|taken|combined|given|"
                r"compared|similar|related|different|unlike|not|no|never|instead|rather|works?|acts?|"
                r"affects?|increases?|decreases?|blocks?|called|named|sold|branded|when|if|where|while|who|whose|"
                r"because|options?|alternatives?|choices?|treatments?|substitutes?|replacements?|add-on|good|better|"
                r"best|effective|safer|useful|preferred|first-line|second-line|combination|part|instead|"
                r"dose|doses|amount|prodrug|metabolite|component|ingredient|precursor)\b)")
_FILLER = rf"(?:{_FILLER_STOP}[a-z0-9-]+\s+){{0,3}}"
COPULA = re.compile(
    r"^\s*\)?\s*(?:,\s*(?:which|that)\s+)?(?:is|was|are|were|remains|remain)\s+(?:also\s+|actually\s+|itself\s+|technically\s+)?"
    r"(?:(?:classified|categorized|categorised|considered|known|regarded)\s+as\s+)?"
    r"(?:an?\s+|the\s+|one\s+of\s+the\s+|among\s+the\s+)?"
    r"(?:(?:type|kind|form|member|example|sort|variety|part)\s+of\s+(?:the\s+|an?\s+)?)?" + _FILLER + r"$")
BELONGS = re.compile(r"^\s*(?:belongs|belong)\s+to\s+(?:the\s+|a\s+)?(?:group|class|family)\s+of\s+$|"
                     r"^\s*(?:belongs|belong)\s+to\s+(?:the\s+|a\s+)?" + _FILLER + r"$")
APPOSITION = re.compile(r"^\s*\)?\s*(?:,|\(|—|–)\s*(?:an?|another|one\s+of\s+the|a\s+type\s+of|a\s+kind\s+of)\s+" + _FILLER + r"$")
AFTER_APPOSITION = re.compile(r"^\s*(?:$|[,.;:)!?—–]|(?:drug|medication|medicine|agent|class)s?\b|(?:that|which|used)\b|"
                              r"(?:like|such\s+as|similar\s+to)\b)")  # "Varenicline, an antidepressant like bupropion,"
# "combines acetazolamide, a topical beta-blocker, an alpha-2 agonist and ...": items of a list,
# each with its own article, not an apposition
LIST_GOES_ON = re.compile(r"^\s*,\s*(?:an?|another)\s+[\w-]+(?:\s+[\w-]+)?\s*(?:,|and\b|or\b)", re.I)
EXAMPLES = re.compile(r"^\s*,?\s*(?:such\s+as|like|including|include|includes|e\.\s?g\.,?|for\s+example,?|"
                      r"for\s+instance,?|namely|\(|:)\s*(?:the\s+)?(?:(?:brands?|drugs?|medications?|generics?)\s+)?$")
# "the SSRI bupropion", "a beta-blocker such as": a class used as a title before the drug
TITLE = re.compile(r"(?:^|\b(?:the|a|an|another|this|that)\s+)$")
# "Among the beta-blockers we find propranolol, …": a class named first, its members after
AMONG_LEAD = re.compile(r"\b(?:among|within|in\s+the\s+(?:group|class|family)\s+of)\s+(?:the\s+)?"
                        r"(?:(?:most\s+)?(?:common|commonly\s+used|used|known|prescribed|important)\s+)?$")
AMONG_BETWEEN = re.compile(r"^\s*,?\s*(?:we\s+(?:can\s+)?find|you\s+(?:will\s+|can\s+)?find|one\s+finds|there\s+(?:are|is)|"
                           r"are|is|we\s+have|stand\s+out|are\s+found|figure)\s*:?\s*(?:the\s+)?$")
OTHER = re.compile(r"^\s*,?\s*(?:and|or)\s+(?:other|similar|related)\s+$")
LIST_INTRO = re.compile(
    r"^(?:the\s+)?(?:(?:most|main|principal|major|key)\s+)?(?:(?:common|commonly|frequently|often|widely)\s+)?"
    r"(?:(?:prescribed|used|available|assigned|known|approved|recommended)\s+)?"
    r"(?:(?:types|examples|kinds|forms|brands)\s+of\s+)?(?:common\s+)?<C>\s*"
    r"(?:\([^)]*\)\s*)?(?:that\s+are\s+(?:commonly\s+)?(?:prescribed|used)\s+)?"
    # "the statins most used in Italy include:"
    r"(?:(?:most|more|commonly|frequently|often|widely)\s+(?:used|prescribed|sold|available)(?:\s+(?:in|on)\s+[\w-]+(?:\s+[\w-]+)?)?\s+)?"
    r"(?:(?:in\s+the\s+\w+\s+)?include|includes|including|are|such\s+as|like|:)")
GENERIC_INTRO = re.compile(
    r"^(?:(?:some|the)\s+)?(?:(?:common|commonly|frequently)\s+)?(?:(?:prescribed|used)\s+)?"
    r"(?:ones|examples|options|medications|drugs|medicines|brands|these|they)?\s*(?:include|are)?\s*:?$")
# "The factor Xa inhibitors, apixaban, …, are": a class at the head of its sentence
LIST_APPOSITION_LEAD = re.compile(r"^\s*(?:the|these|both|all|two|three|four|several)?\s*(?:(?:newer|older|main|other|oral|common)\s+)?$")
# "X include Y" names X's members only when X is the subject: not after a preposition that makes
# it an object ("add-on options for patients on LABA include tiotropium"); "examples of" is fine
INCLUDE_VERB = re.compile(r"^\s*(?:include|includes)\b")
OBJECT_LEAD = re.compile(r"\b(?:on|with|when|after|than|without|to|for|from|into|besides|beyond|during|while|if|"
                         r"unless|despite|plus|alongside|over)\b")


def _class_around_aside(text: str, mention: Mention, ctx: CheckContext) -> str | None:
    """'The atypical (second-generation) antipsychotics': the class named around an aside — the
    word before the parenthesis and the matched class together name a narrower class."""
    m = re.search(r"([\w-]+)\s*\([^()]{1,40}\)\s*$", text[:mention.start_char])
    if not m:
        return None
    names = ctx.memo("drug-class-names", lambda: {
        n.lower(): c.id for c in ctx.facts.classes.values() for n in (c.name, *c.names)})
    return names.get(f"{m.group(1)} {mention.text}".lower())


def _clause_lead(text: str, sent_start: int, start: int) -> str:
    lead = text[sent_start:start]
    return re.split(r"[,;:]", lead)[-1].lower()


HEADING_CLASS = re.compile(r"^(?:(?:common|commonly\s+used|types\s+of|examples\s+of|list\s+of)\s+)?<C>$")


class DrugClassCheck(Check):
    id = "drug-class"
    severity = "error"
    summary = "A drug placed in a class it does not belong to (lists, copulas, appositions, examples)."
    doc = """\
## What it does
Checks every claim that a drug belongs to a class against the fact file:

- a list under an intro or heading that names a class ("Commonly prescribed amphetamines
  include:" … "Ritalin (methylphenidate)");
- "X is a(n) CLASS", "X is a type of CLASS", "X and Y are CLASSes", "X belongs to the CLASS";
- "X, a(n) CLASS," and "X (a CLASS)";
- "CLASSes such as / like / including X", "CLASSes (X, Y)", "X and other CLASSes".

Negated claims ("Ritalin is not an amphetamine", "unlike amphetamines") are correct and quiet.

## Why is this bad?
A class tells readers how a drug works, what it interacts with and what it can be swapped for.
Ritalin is a stimulant but not an amphetamine; calling bupropion an SSRI suggests serotonin
effects it does not have.

## Example
```
Commonly prescribed amphetamines include:
  • Adderall (dextroamphetamine)
  • Ritalin (methylphenidate)
```

## How to fix
Move the drug to the right list, or name the broader class that is true ("stimulants include
… Ritalin").
"""

    def run(self, doc: AnalyzedDocument, ctx: CheckContext) -> Iterable[Finding]:
        seen: set[tuple[int, int, str]] = set()
        for ab in doc.blocks:
            if ab.block.kind == "list_item":
                for f in self._list_scope(doc, ab, ctx):
                    key = (f.start, f.end, f.rule)
                    if key not in seen:
                        seen.add(key)
                        yield f
            for f in self._sentence_claims(ab, ctx):
                key = (f.start, f.end, f.rule)
                if key not in seen:
                    seen.add(key)
                    yield f

    # ---- list scope ------------------------------------------------------------------------
    def _scope_class(self, doc: AnalyzedDocument, ab: AnalyzedBlock) -> tuple[str, Mention, AnalyzedBlock] | None:
        intro = doc.by_index(ab.block.list_intro)
        if intro is not None and intro.block.kind != "heading":
            last = intro.sentences()[-1]
            classes = [m for m in intro.mentions if m.reading("class") and last.start <= m.start < last.end]
            text = last.text.strip()
            for m in classes:
                pattern = _with_placeholder(text, last.start_char, m)
                if pattern and LIST_INTRO.search(pattern) and not has_negation(last):
                    if _intro_starts_at(pattern):
                        return m.reading("class")[0], m, intro
            if intro.mentions or not GENERIC_INTRO.match(text.lower()):
                return None  # an intro about something else: no scope from the heading either
        heading = doc.by_index(ab.block.heading)
        if heading is None:
            return None
        text = heading.block.text.strip().rstrip(":").strip()
        for m in heading.mentions:
            cls = m.reading("class")
            if cls and HEADING_CLASS.match(_with_placeholder(text, 0, m) or ""):
                return cls[0], m, heading
        return None

    def _list_scope(self, doc: AnalyzedDocument, ab: AnalyzedBlock, ctx: CheckContext) -> Iterable[Finding]:
        scope = self._scope_class(doc, ab)
        if scope is None:
            return
        class_id, class_mention, scope_block = scope
        text = ab.block.text
        cut = re.search(r"\s[–—-]\s|:|;|\.\s", text)
        limit = cut.start() if cut else len(text)
        drugs = [m for m in ab.mentions if m.kind == "drug" and m.end_char <= limit]
        if not drugs or has_negation(ab.doc[:drugs[0].start]):
            return
        yield from self._judge(ab, drugs, class_id, ctx, where="listed under "
                               f"'{scope_block.block.text.strip()}'")

    # ---- sentence claims -------------------------------------------------------------------
    def _sentence_claims(self, ab: AnalyzedBlock, ctx: CheckContext) -> Iterable[Finding]:
        mentions = sorted(entity_mentions(ab), key=lambda m: m.start)
        if len(mentions) < 2:
            return
        text = ab.block.text
        for sent in ab.sentences():
            in_sent = [m for m in mentions if sent.start <= m.start < sent.end]
            if len(in_sent) < 2 or is_hedged(text[sent.start_char:sent.end_char]):
                continue
            lead = text[sent.start_char:in_sent[0].start_char].lower()
            if re.search(r"\bunlike\b", lead):
                continue
            for a, b in zip(in_sent, in_sent[1:]):
                between = text[a.end_char:b.start_char].lower()
                a_drug, b_class = a.reading("drug"), b.reading("class")
                a_class, b_drug = a.reading("class"), b.reading("drug")
                negated = has_negation(ab.doc[a.end:b.start])
                if a_drug and b_class and not negated:
                    after = text[b.end_char:b.end_char + 20].lower()
                    drugs = None
                    if COPULA.match(between) or BELONGS.match(between):
                        drugs = [m for m in coordinated(ab, a, ("drug",), direction=-1)]
                    elif APPOSITION.match(between) and AFTER_APPOSITION.match(after) and not LIST_GOES_ON.match(text[b.end_char:b.end_char + 60]):
                        drugs = [a]
                    elif OTHER.match(between):
                        drugs = [m for m in coordinated(ab, a, ("drug",), direction=-1)]
                    if drugs and not has_negation(ab.doc[sent.start:a.start][-3:]):
                        # the claim runs from the drug to the class: "Pregabalin is a benzodiazepine"
                        yield from self._judge(ab, drugs, b_class[0], ctx, where="", claim_end=b.end_char)
                if (a_class and b_drug and not between.strip() and not a.text.lower().endswith("s")
                        and TITLE.search(text[max(0, a.start_char - 12):a.start_char].lower())
                        and not a.reading("drug")):
                    yield from self._judge(ab, [b], a_class[0], ctx, where="")
                    continue
                if (a_class and b_drug and between.strip() == "," and a.text.lower().endswith("s") and not negated
                        and LIST_APPOSITION_LEAD.match(text[sent.start_char:a.start_char].lower())):
                    # "The factor Xa inhibitors, apixaban, rivaroxaban and dabigatran, are ...": the
                    # class heads its clause and the list closed by a comma names its members
                    drugs = [m for m in coordinated(ab, b, ("drug",), direction=1, max_gap=5) if m.start < sent.end]
                    after = text[drugs[-1].end_char:drugs[-1].end_char + 3].lstrip()
                    if len(drugs) >= 2 and after[:1] in (",", ")", "—", "–", ";"):
                        yield from self._judge(ab, drugs, a_class[0], ctx, where="")
                        continue
                among = AMONG_BETWEEN.match(between) and AMONG_LEAD.search(text[max(0, a.start_char - 60):a.start_char].lower())
                anaphoric = re.search(r"\b(?:these|those|such)\s+$", text[max(0, a.start_char - 12):a.start_char].lower())
                if a_class and b_drug and (EXAMPLES.match(between) or among) and not negated and not anaphoric:
                    # ("amfetamines also release these catecholamines: dexamfetamine, ...": the class
                    # named again is what the drugs act on, not the list's heading)
                    if INCLUDE_VERB.match(between) and OBJECT_LEAD.search(_clause_lead(text, sent.start_char, a.start_char)):
                        continue  # "options when asthma is uncontrolled on ICS-LABA include X": the class is not the subject
                    drugs = [m for m in coordinated(ab, b, ("drug",), direction=1, max_gap=5)
                             if m.start < sent.end]
                    if between.rstrip().endswith("("):
                        # "tricyclic antidepressants (amitriptyline, clomipramine) and trazodone":
                        # the members are the ones inside the parentheses
                        close = text.find(")", b.start_char)
                        drugs = [m for m in drugs if close < 0 or m.start_char < close]
                    if (between.lstrip().startswith(",") and len(drugs) >= 2
                            and re.fullmatch(r",\s*(?:and|or)\s+", text[drugs[0].end_char:drugs[1].start_char])):
                        # "Penicillins, including amoxicillin, and cefalexin are safe": the aside
                        # closes after its one example; what follows is the sentence's own list
                        drugs = drugs[:1]
                    class_id = _class_around_aside(text, a, ctx) or a_class[0]
                    yield from self._judge(ab, drugs, class_id, ctx, where="")

    # ---- verdict ---------------------------------------------------------------------------
    def _judge(self, ab: AnalyzedBlock, drugs: list[Mention], class_id: str, ctx: CheckContext,
               where: str, claim_end: int | None = None) -> Iterable[Finding]:
        facts = ctx.facts
        if class_id not in facts.classes:
            return
        judged: set[str] = set()
        for m in drugs:
            reading = m.reading("drug")
            if reading is None:
                continue
            drug_id = reading[0]
            drug = facts.drugs.get(drug_id)
            if drug is None or drug_id in judged or not drug.classes:
                continue
            judged.add(drug_id)
            if facts.drug_fits_class(drug_id, class_id):
                continue
            # a class that is the drug itself ("amphetamine" under "amphetamines") is right
            if m.reading("class") and m.reading("class")[0] == class_id:
                continue
            cls = facts.classes[class_id]
            same = [x for x in drugs if x.reading("drug") and x.reading("drug")[0] == drug_id]
            end = max(x.end_char for x in same) if len(same) > 1 and same[-1].start - same[0].end <= 2 else m.end_char
            if claim_end is not None and len(drugs) == 1:
                end = max(end, claim_end)
            generic = drug.name
            shown = m.text if m.text.lower() == generic.lower() else f"{m.text} ({generic})"
            actual = _class_phrase(facts, drug)
            sources = list(drug.sources) + [s for s in cls.sources if s not in drug.sources]
            yield self.finding(
                ab, m.start_char, end,
                f"{shown} is not {_article(cls.name)} {cls.name}" + (f" ({where})" if where else "")
                + f"; it is {actual}",
                suggestion=f"move {m.text} out of the {cls.name} claim, or name a class it belongs to ({actual})",
                fact=FactRef(drug.id, "drugs", sources))


def _with_placeholder(text: str, offset: int, m: Mention) -> str | None:
    s, e = m.start_char - offset, m.end_char - offset
    if s < 0 or e > len(text):
        return None
    return text[:s].lower() + "<C>" + text[e:].lower()


def _intro_starts_at(pattern: str) -> bool:
    """The class must head the intro's last clause: 'X include:', not 'drugs that affect X include:'."""
    clause = re.split(r"[,;]\s*", pattern)[-1].strip()
    return bool(LIST_INTRO.match(clause))


def _article(name: str) -> str:
    first = name[:1].lower()
    head = name.split()[0] if name.split() else name
    if head[:1].isupper() and head.isupper():  # acronyms by sound: an SSRI, an H2 blocker, a DOAC
        return "an" if first in "aefhilmnorsx" else "a"
    return "an" if first in "aeiou" else "a"


def _class_phrase(facts, drug) -> str:
    listed = [c for c in drug.classes if c in facts.classes]
    # the most specific classes only: "an NDRI", not "an NDRI and an antidepressant"
    specific = [c for c in listed if not any(c != o and c in facts.class_ancestors(o) for o in listed)]
    names = [facts.classes[c].name for c in specific]
    if not names:
        return "in another class"
    phrases = [f"{_article(n)} {n}" for n in names[:3]]
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]
