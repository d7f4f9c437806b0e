"""The registry of checks: one module per family, each documented like a ruff rule page."""
from __future__ import annotations

from ne_lint.checks.abbreviation import AbbreviationCheck
from ne_lint.checks.base import Check, CheckContext
from ne_lint.checks.brand_generic import BrandGenericCheck
from ne_lint.checks.dose import DoseUnitCheck
from ne_lint.checks.drug_class import DrugClassCheck
from ne_lint.checks.drug_name import DrugNameCheck
from ne_lint.checks.indication import IndicationCheck
from ne_lint.checks.reference_range import ReferenceRangeCheck
from ne_lint.checks.structure import StructureCheck
from ne_lint.checks.terminology import TerminologyCheck

ALL_CHECKS: list[Check] = [
    DrugClassCheck(),
    BrandGenericCheck(),
    DrugNameCheck(),
    IndicationCheck(),
    AbbreviationCheck(),
    TerminologyCheck(),
    ReferenceRangeCheck(),
    DoseUnitCheck(),
    StructureCheck(),
]


def rule_ids() -> list[str]:
    """Every rule id a finding can carry: each check's id and its sub-codes."""
    ids = []
    for check in ALL_CHECKS:
        ids.append(check.id)
        ids.extend(check.codes)
    return ids


def get_check(rule: str) -> Check | None:
    for check in ALL_CHECKS:
        if rule == check.id or rule in check.codes:
            return check
    return None


__all__ = ["ALL_CHECKS", "Check", "CheckContext", "get_check", "rule_ids"]
