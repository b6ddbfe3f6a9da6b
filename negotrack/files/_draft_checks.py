"""The checks of draft texts: a proposal's terms, their state round by round, and amendments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from negotrack.files._check_context import CheckContext, YamlPath

if TYPE_CHECKING:
    from collections.abc import Sequence

    from negotrack.model._drafts import Amendment, Draft
    from negotrack.model._proposals import Term

__all__ = ["DraftChecks"]


class DraftChecks(CheckContext):
    """Checks of terms, drafts and amendments, each adding its problems to the shared list."""

    def terms(self, file: str, path: YamlPath, terms: Sequence[Term]) -> None:
        """Each term known once, on a known issue, with values on that issue's scale."""
        seen: set[str] = set()
        for index, term in enumerate(terms):
            at = (*path, index)
            if not term.key:
                self.add(file, at, "a term needs an id or an issue")
            elif term.key in seen:
                if term.id is None:
                    self.add(file, (*at, "issue"), f"a second term on issue {term.issue!r}")
                else:
                    self.add(file, (*at, "id"), f"a second term {term.id!r}")
            seen.add(term.key)
            if term.id is not None:
                self.unique("term", [(file, at, term.id)])
            self.unique(
                "alternative",
                ((file, (*at, "alternatives", j), a.id) for j, a in enumerate(term.alternatives)),
            )
            if term.issue is None:
                continue
            issue = self.issues.get(term.issue)
            if issue is None:
                self.ref(file, (*at, "issue"), "issue", term.issue, self.issues)
                continue
            if term.value is not None:
                self.value(file, (*at, "value"), issue, term.value)
            for j, alternative in enumerate(term.alternatives):
                if alternative.value is not None:
                    self.value(file, (*at, "alternatives", j, "value"), issue, alternative.value)

    def drafts(self, file: str, path: YamlPath, drafts: Sequence[Draft]) -> None:
        """Each draft of a known proposal, once per round, restating only terms it has."""
        seen: set[str] = set()
        for index, draft in enumerate(drafts):
            at = (*path, index)
            if draft.proposal in seen:
                self.add(file, (*at, "proposal"), f"a second draft of {draft.proposal!r}")
            seen.add(draft.proposal)
            self.refs(file, (*at, "evidence"), "statement", draft.evidence, self.statements)
            if draft.text is not None:
                self.pasted_text(file, at, draft)
            known = self.terms_of.get(draft.proposal)
            if known is None:
                self.ref(file, (*at, "proposal"), "proposal", draft.proposal, self.proposals)
                continue
            self.terms(file, (*at, "terms"), draft.terms)
            for j, term in enumerate(draft.terms):
                if term.key and term.key not in known:
                    self.unknown(
                        file,
                        (*at, "terms", j, "id" if term.id else "issue"),
                        f"proposal {draft.proposal!r} has no term {term.key!r}",
                        term.key,
                        known,
                        then="; list every term under the proposal's terms",
                    )
                elif term.key and term.issue != known[term.key].issue:
                    self.add(
                        file,
                        (*at, "terms", j, "issue"),
                        f"term {term.key!r} is on issue {known[term.key].issue!r}, "
                        f"not {term.issue!r}",
                    )

    def pasted_text(self, file: str, path: YamlPath, draft: Draft) -> None:
        """Counts given beside a pasted text agree with what the text holds."""
        # its patterns are compiled only for a dossier with a pasted text
        from negotrack.model._brackets import count_brackets  # noqa: PLC0415

        counted = count_brackets(draft.text or "")
        for name, given, found, what in (
            ("brackets", draft.brackets, counted.brackets, "bracketed spans"),
            ("options", draft.options, counted.options, "labelled options"),
        ):
            if given is not None and given != found:
                self.add(
                    file,
                    (*path, name),
                    f"{name} is {given} but the pasted text has {found} {what}; "
                    f"correct the count or leave it out to use the text's",
                )
        if counted.unclosed:
            self.add(
                file,
                (*path, "text"),
                f"the pasted text has {counted.unclosed} bracket(s) opened and never closed "
                "(or closed and never opened)",
            )

    def amendments(self, file: str, path: YamlPath, amendments: Sequence[Amendment]) -> None:
        """Each amendment to a known term of a known proposal, by known parties."""
        for index, amendment in enumerate(amendments):
            at = (*path, index)
            self.refs(file, (*at, "by"), "party", amendment.by, self.parties)
            self.refs(file, (*at, "evidence"), "statement", amendment.evidence, self.statements)
            known = self.terms_of.get(amendment.proposal)
            if known is None:
                self.ref(file, (*at, "proposal"), "proposal", amendment.proposal, self.proposals)
                continue
            term = known.get(amendment.term)
            if term is None:
                self.unknown(
                    file,
                    (*at, "term"),
                    f"proposal {amendment.proposal!r} has no term {amendment.term!r}",
                    amendment.term,
                    known,
                )
                continue
            issue = self.issues.get(term.issue) if term.issue is not None else None
            if amendment.value is not None and issue is not None:
                self.value(file, (*at, "value"), issue, amendment.value)
